using System.Net;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Conventions;

public sealed class ConventionTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    [Fact]
    public async Task Health_readiness_openapi_and_docs_answer()
    {
        using var client = factory.CreateClient();
        await client.GetAsync("/healthz").ExpectAsync(HttpStatusCode.OK);
        var ready = await client.GetAsync("/readyz").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("ready", ready["status"]!.GetValue<string>());
        var openapi = await client.GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);
        Assert.NotNull(openapi["paths"]!["/v1/api-keys"]);
        Assert.NotNull(openapi["paths"]!["/v1/workspaces"]!["post"]!["requestBody"]);
        using var docs = await client.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("html", (await docs.Content.ReadAsStringAsync()).ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"name\":")]
    [InlineData("{name: 'x'}")]
    [InlineData("")]
    [InlineData("{\"name\":\"x\",}")]
    public async Task Malformed_json_is_invalid_json(string body)
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.Http.PostJsonAsync("/v1/secrets", body).ExpectProblemAsync(HttpStatusCode.BadRequest, "invalid_json");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("{\"name\":42,\"value\":\"x\"}")]
    [InlineData("{\"name\":\"ok\",\"value\":\"x\",\"extra\":true}")]
    public async Task Wrong_shapes_are_validation_failed(string body)
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.Http.PostJsonAsync("/v1/secrets", body).ExpectProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Bodies_over_one_mebibyte_are_413()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var big = "{\"name\":\"big\",\"value\":\"" + new string('x', 1024 * 1024) + "\"}";
        await ws.Http.PostJsonAsync("/v1/secrets", big).ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task Unknown_routes_are_problem_404s()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.Http.GetAsync("/v1/no-such-thing").ExpectProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_known_path_with_another_method_is_405()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.Http.DeleteAsync("/v1/settings").ExpectProblemAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task Dev_clock_moves_and_checks_its_input()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var before = factory.Clock.GetUtcNow();
        var moved = await ws.Admin.PostJsonAsync("/v1/dev/clock", new { advance_seconds = 3600 }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(before.AddHours(1), DateTimeOffset.Parse(moved["now"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        await ws.Admin.PostJsonAsync("/v1/dev/clock", new { advance_seconds = 0 }).ExpectAsync(HttpStatusCode.OK);
        await ws.Admin.PostJsonAsync("/v1/dev/clock", new { advance_seconds = -1 }).ExpectValidationAsync("advance_seconds");
        await ws.Admin.PostJsonAsync("/v1/dev/clock", new { advance_seconds = 31_536_001 }).ExpectValidationAsync("advance_seconds");
        await ws.Admin.PostJsonAsync("/v1/dev/clock", new { advance_seconds = 1.5 }).ExpectValidationAsync("advance_seconds");
    }

    [Fact]
    public async Task DevClock_cannot_be_moved_by_a_workspace_key()
    {
        // The clock is the server's: a workspace key (scope *, so FLOWS_WRITE too) moving it would move every
        // other workspace's waits and date triggers with it.
        using var ws = await factory.NewWorkspaceAsync();
        var before = factory.Clock.GetUtcNow();
        var problem = await ws.Http.PostJsonAsync("/v1/dev/clock", new { advance_seconds = 3600 })
            .ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden_scope");
        Assert.Contains("WORKSPACES_ADMIN", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, factory.Clock.GetUtcNow());
    }

    [Fact]
    public async Task The_root_points_to_the_api_reference()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var root = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/docs", root.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Paging_parameters_are_checked()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.Http.GetAsync("/v1/api-keys?limit=101").ExpectValidationAsync("limit");
        await ws.Http.GetAsync("/v1/api-keys?page=0").ExpectValidationAsync("page");
        await ws.Http.GetAsync("/v1/api-keys?page=abc").ExpectValidationAsync("page");
        var page = await ws.Http.GetAsync("/v1/api-keys?page=2&limit=1").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, page["pagination"]!["page"]!.GetValue<int>());
        Assert.Equal(1, page["pagination"]!["limit"]!.GetValue<int>());
        Assert.Equal(1, page["pagination"]!["total"]!.GetValue<int>());
        Assert.Equal(1, page["pagination"]!["total_pages"]!.GetValue<int>());
        Assert.Empty(page["api_keys"]!.AsArray());
    }

    [Fact]
    public async Task Idempotency_key_replays_the_first_answer()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var body = new { name = "idem", kind = "secret", scopes = new[] { "CONTACTS_READ" } };
        using var first = await ws.Http.PostJsonAsync("/v1/api-keys", body, idempotencyKey: "create-idem-1");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        using var second = await ws.Http.PostJsonAsync("/v1/api-keys", body, idempotencyKey: "create-idem-1");
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());

        var keys = await ws.Http.GetAsync("/v1/api-keys").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, keys["pagination"]!["total"]!.GetValue<int>());

        await ws.Http.PostJsonAsync("/v1/api-keys", new { name = "other", kind = "secret", scopes = new[] { "*" } },
            idempotencyKey: "create-idem-1").ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        await ws.Http.PostJsonAsync("/v1/api-keys", body, idempotencyKey: new string('k', 256))
            .ExpectValidationAsync("Idempotency-Key");
    }

    [Fact]
    public async Task Idempotency_keys_are_scoped_to_the_workspace()
    {
        using var a = await factory.NewWorkspaceAsync();
        using var b = await factory.NewWorkspaceAsync();
        var body = new { name = "x", value = "y" };
        await a.Http.PostJsonAsync("/v1/secrets", body, idempotencyKey: "same").ExpectAsync(HttpStatusCode.Created);
        using var response = await b.Http.PostJsonAsync("/v1/secrets", body, idempotencyKey: "same");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(response.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Concurrent_repeats_get_in_use_or_the_replay_never_a_second_execution()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var body = new { name = "race", kind = "secret", scopes = new[] { "CONTACTS_READ" } };
        var calls = Enumerable.Range(0, 20)
            .Select(_ => ws.Http.PostJsonAsync("/v1/api-keys", body, idempotencyKey: "race-key")).ToArray();
        var responses = await Task.WhenAll(calls);
        foreach (var r in responses)
        {
            Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, r.StatusCode.ToString());
            if (r.StatusCode == HttpStatusCode.Conflict)
            {
                Assert.Contains("idempotency_key_in_use", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            r.Dispose();
        }

        var keys = await ws.Http.GetAsync("/v1/api-keys").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, keys["pagination"]!["total"]!.GetValue<int>());
    }
}
