using System.Net;
using Runnel.Client.Tests.Infrastructure;

namespace Runnel.Client.Tests;

/// <summary>Every way a call fails, and the exception each one surfaces as.</summary>
[Collection(SharedServer.Name)]
public sealed class ErrorTests(ServerFixture fixture)
{
    private readonly RunnelClient _client = fixture.Client;

    [Fact]
    public async Task Not_found_carries_the_problem_document()
    {
        var e = await Assert.ThrowsAsync<RunnelApiException>(() =>
            _client.Flows.GetAsync("0190f0f0-0000-7000-8000-000000000000"));
        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
        Assert.Equal(RunnelErrorCodes.FlowNotFound, e.ErrorCode);
        Assert.False(string.IsNullOrEmpty(e.Title));
        Assert.Contains("404", e.Message, StringComparison.Ordinal);
        Assert.Contains(RunnelErrorCodes.FlowNotFound, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validation_failed_lists_every_invalid_member_by_path()
    {
        var request = TestData.WaitingFlow();
        request.Steps![0].DurationUnit = "fortnights";
        var e = await Assert.ThrowsAsync<RunnelApiException>(() => _client.Flows.CreateAsync(request));
        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Equal(RunnelErrorCodes.ValidationFailed, e.ErrorCode);
        Assert.Contains(e.Errors, p => p.Path == "steps[0].duration_unit" && p.Message.Length > 0);
    }

    [Fact]
    public async Task Flow_not_ready_lists_what_is_missing()
    {
        var flow = await _client.Flows.CreateAsync(new CreateFlowRequest
        {
            Name = TestData.Unique("unready"),
            Triggers = [new FlowTrigger { Type = TriggerTypes.Api }],
            Steps = [new FlowStep { StepId = "hello", Type = StepTypes.SendEmail }],
        });
        var e = await Assert.ThrowsAsync<RunnelApiException>(() => _client.Flows.ActivateAsync(flow.Id));
        Assert.Equal(RunnelErrorCodes.FlowNotReady, e.ErrorCode);
        Assert.Contains(e.Missing, p => p.Path == "steps[0].email_id");
    }

    [Fact]
    public async Task Email_not_ready_lists_what_is_missing()
    {
        var email = await _client.Emails.CreateAsync(new CreateEmailRequest { Name = TestData.Unique("empty"), Subject = "Hi" });
        var e = await Assert.ThrowsAsync<RunnelApiException>(() => _client.Emails.ApproveAsync(email.Id));
        Assert.Equal(RunnelErrorCodes.EmailNotReady, e.ErrorCode);
        Assert.NotEmpty(e.Missing);
    }

    [Fact]
    public async Task An_unknown_key_is_unauthorized_and_a_narrow_key_is_forbidden()
    {
        using var stranger = fixture.Server.Client("rk_secret_nobody_knows_this_key_000000");
        var unauthorized = await Assert.ThrowsAsync<RunnelApiException>(() => stranger.Flows.ListAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(RunnelErrorCodes.Unauthorized, unauthorized.ErrorCode);

        var key = await _client.ApiKeys.CreateAsync(new CreateApiKeyRequest
        {
            Name = TestData.Unique("narrow"), Kind = ApiKeyKinds.Secret, Scopes = [ApiScopes.ContactsRead],
        });
        using var narrow = fixture.Server.Client(key.Key!);
        var forbidden = await Assert.ThrowsAsync<RunnelApiException>(() => narrow.Flows.ListAsync());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(RunnelErrorCodes.ForbiddenScope, forbidden.ErrorCode);
    }

    [Fact]
    public async Task A_conflict_is_not_retried()
    {
        var name = TestData.Unique("dup").Replace('-', '_');
        var request = new CreateCustomFieldRequest { ApiName = name, Label = "Dup", Type = CustomFieldTypes.Text };
        await _client.CustomFields.CreateAsync(request);
        var recording = new RecordingHandler();
        using var client = new RunnelClient(new HttpClient(recording), fixture.Server.Options());
        var e = await Assert.ThrowsAsync<RunnelApiException>(() => client.CustomFields.CreateAsync(request));
        Assert.Equal(HttpStatusCode.Conflict, e.StatusCode);
        Assert.Equal(RunnelErrorCodes.CustomFieldExists, e.ErrorCode);
        Assert.Single(recording.Exchanges);
    }

    [Fact]
    public async Task A_callers_idempotency_key_replays_the_first_answer_and_refuses_another_body()
    {
        var flow = await TestData.ActiveWaitingFlowAsync(_client);
        var options = new RequestOptions { IdempotencyKey = Guid.NewGuid().ToString() };
        var first = await _client.Flows.TriggerAsync(new TriggerRequest { FlowId = flow.Id, Email = "key@example.com" }, options);
        var replay = await _client.Flows.TriggerAsync(new TriggerRequest { FlowId = flow.Id, Email = "key@example.com" }, options);
        Assert.Equal(TriggerStatuses.Started, replay.Status);
        Assert.Equal(first.Id, replay.Id);

        var reused = await Assert.ThrowsAsync<RunnelApiException>(() =>
            _client.Flows.TriggerAsync(new TriggerRequest { FlowId = flow.Id, Email = "other@example.com" }, options));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal(RunnelErrorCodes.IdempotencyKeyReused, reused.ErrorCode);
        Assert.Equal(options.IdempotencyKey, reused.IdempotencyKey);
    }

    [Fact]
    public async Task A_refused_connection_is_a_connection_exception_after_the_retries()
    {
        var closedPort = RunnelServer.FreePort();
        using var client = new RunnelClient(new RunnelClientOptions
        {
            ApiKey = RunnelServer.AdminKey, BaseUrl = new Uri($"http://127.0.0.1:{closedPort}"), MaxRetries = 1,
        });
        var e = await Assert.ThrowsAsync<RunnelConnectionException>(() => client.Contacts.ListAsync());
        Assert.IsType<HttpRequestException>(e.InnerException);
        Assert.Contains("2 attempts", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_on_every_attempt()
    {
        await using var silent = new SilentServer();
        using var client = new RunnelClient(new RunnelClientOptions
        {
            ApiKey = RunnelServer.AdminKey, BaseUrl = silent.BaseUrl, MaxRetries = 1,
            Timeout = TimeSpan.FromMilliseconds(300),
        });
        var e = await Assert.ThrowsAsync<RunnelTimeoutException>(() => client.Settings.GetAsync());
        Assert.IsAssignableFrom<OperationCanceledException>(e.InnerException);
        Assert.Equal(2, silent.Connections);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_a_timeout_and_is_not_retried()
    {
        await using var silent = new SilentServer();
        using var client = new RunnelClient(new RunnelClientOptions
        {
            ApiKey = RunnelServer.AdminKey, BaseUrl = silent.BaseUrl, MaxRetries = 2,
        });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Settings.GetAsync(cancel.Token));
        Assert.Equal(1, silent.Connections);
    }

    [Fact]
    public void Options_without_a_key_are_refused_at_once()
    {
        var e = Assert.Throws<ArgumentException>(() => new RunnelClient(new RunnelClientOptions()));
        Assert.Contains("ApiKey", e.Message, StringComparison.Ordinal);
    }
}
