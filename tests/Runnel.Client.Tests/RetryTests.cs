using System.Net;
using Runnel.Client.Tests.Infrastructure;

namespace Runnel.Client.Tests;

/// <summary>
/// Retries over a real network: a loopback proxy that drops the first connection after the server did the work, one
/// that answers 503, and a second server with a tiny rate limit. A POST's retries reuse its idempotency key, so the
/// work happens once.
/// </summary>
[Collection(SharedServer.Name)]
public sealed class RetryTests(ServerFixture fixture)
{
    private readonly RunnelClient _client = fixture.Client;

    [Fact]
    public async Task A_trigger_whose_answer_is_lost_is_retried_and_enrolls_exactly_once()
    {
        var flow = await TestData.ActiveWaitingFlowAsync(_client);
        await using var proxy = new FlakyProxy(fixture.Server.Port, FirstConnection.DropAfterForwarding);
        var recording = new RecordingHandler();
        using var client = new RunnelClient(new HttpClient(recording), Options(proxy.BaseUrl));

        var result = await client.Flows.TriggerAsync(new TriggerRequest { FlowId = flow.Id, Email = TestData.Email() });

        Assert.Equal(TriggerStatuses.Started, result.Status);
        Assert.Equal(2, proxy.Connections);
        Assert.StartsWith("POST /v1/flows/", proxy.FirstRequestHead, StringComparison.Ordinal);
        var retry = Assert.Single(recording.Exchanges);
        Assert.Equal(proxy.FirstIdempotencyKey, retry.IdempotencyKey);
        Assert.Equal(HttpStatusCode.Created, retry.Status);
        var members = await _client.Flows.Members.ListAsync(flow.Id);
        Assert.Equal(result.Id, Assert.Single(members.Items).Id);
    }

    [Fact]
    public async Task An_enrollment_whose_answer_is_lost_is_retried_and_enrolls_exactly_once()
    {
        var flow = await TestData.ActiveWaitingFlowAsync(_client);
        var contact = await _client.Contacts.UpsertAsync(new UpsertContactRequest { Email = TestData.Email() });
        await using var proxy = new FlakyProxy(fixture.Server.Port, FirstConnection.DropAfterForwarding);
        using var client = new RunnelClient(Options(proxy.BaseUrl));

        // Without the reused key the retry would answer 409 flow_already_in_flow.
        var member = await client.Flows.EnrollAsync(flow.Id, contact.ContactId);

        Assert.Equal(contact.ContactId, member.ContactId);
        Assert.Equal(2, proxy.Connections);
        Assert.Single((await _client.Flows.Members.ListAsync(flow.Id)).Items);
    }

    [Fact]
    public async Task Without_retries_a_lost_answer_is_a_connection_error_and_the_same_key_recovers_it()
    {
        var flow = await TestData.ActiveWaitingFlowAsync(_client);
        await using var proxy = new FlakyProxy(fixture.Server.Port, FirstConnection.DropAfterForwarding);
        using var client = new RunnelClient(Options(proxy.BaseUrl, maxRetries: 0));
        var request = new TriggerRequest { FlowId = flow.Id, Email = TestData.Email() };
        var options = new RequestOptions { IdempotencyKey = "signup-" + Guid.NewGuid() };

        await Assert.ThrowsAsync<RunnelConnectionException>(() => client.Flows.TriggerAsync(request, options));
        var recovered = await client.Flows.TriggerAsync(request, options);

        Assert.Equal(TriggerStatuses.Started, recovered.Status);
        Assert.Equal(recovered.Id, Assert.Single((await _client.Flows.Members.ListAsync(flow.Id)).Items).Id);
    }

    [Fact]
    public async Task A_503_is_retried()
    {
        await using var proxy = new FlakyProxy(fixture.Server.Port, FirstConnection.Answer503);
        using var client = new RunnelClient(Options(proxy.BaseUrl));
        var email = TestData.Email();

        var upsert = await client.Contacts.UpsertAsync(new UpsertContactRequest { Email = email });

        Assert.True(upsert.Created);
        Assert.Equal(2, proxy.Connections);
        Assert.Single((await _client.Contacts.ListAsync(new ListContactsRequest { Email = email })).Items);
    }

    [Fact]
    public async Task A_503_with_no_retries_left_is_an_api_exception()
    {
        await using var proxy = new FlakyProxy(fixture.Server.Port, FirstConnection.Answer503);
        using var client = new RunnelClient(Options(proxy.BaseUrl, maxRetries: 0));

        var e = await Assert.ThrowsAsync<RunnelApiException>(() => client.Settings.GetAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.Null(e.ErrorCode);
        Assert.Equal("Service Unavailable", e.Title);
    }

    [Fact]
    public async Task Rate_limited_calls_wait_for_Retry_After_and_succeed()
    {
        // One request per second per key, bursts of two: of four calls sent at once, two are refused with Retry-After
        // (sent together, so however slow a busy machine answers, they arrive inside one second).
        await using var limited = await RunnelServer.StartAsync(new Dictionary<string, string> { ["RUNNEL_RATE_LIMIT"] = "1" });
        var recording = new RecordingHandler();
        using var client = new RunnelClient(new HttpClient(recording), limited.Options(maxRetries: 5));

        var emails = Enumerable.Range(0, 4).Select(_ => TestData.Email()).ToList();
        await Task.WhenAll(emails.Select(email => client.Contacts.UpsertAsync(new UpsertContactRequest { Email = email })));

        var limitedCalls = recording.Exchanges.Where(x => x.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limitedCalls);
        foreach (var refused in limitedCalls)
        {
            // The retry carried the same key, and it is the one that succeeded.
            Assert.Contains(recording.Exchanges, x => x.IdempotencyKey == refused.IdempotencyKey && x.Status == HttpStatusCode.Created);
        }

        Assert.Equal(4, recording.Exchanges.Count(x => x.Status == HttpStatusCode.Created));
        Assert.Equal(4, recording.Exchanges.Where(x => x.Status == HttpStatusCode.Created).Select(x => x.IdempotencyKey).Distinct().Count());
    }

    private static RunnelClientOptions Options(Uri baseUrl, int maxRetries = 2) =>
        new() { ApiKey = RunnelServer.AdminKey, BaseUrl = baseUrl, MaxRetries = maxRetries };
}
