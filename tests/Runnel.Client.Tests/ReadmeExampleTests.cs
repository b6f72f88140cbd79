using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Runnel.Client.Tests.Infrastructure;

namespace Runnel.Client.Tests;

/// <summary>The worked example of src/Runnel.Client/README.md, run verbatim against a real server.</summary>
[Collection(SharedServer.Name)]
public sealed class ReadmeExampleTests(ServerFixture fixture)
{
    [Fact]
    public async Task The_signup_example_upserts_the_contact_and_starts_the_flow()
    {
        var flow = await TestData.ActiveWaitingFlowAsync(fixture.Client);
        Environment.SetEnvironmentVariable("RUNNEL_SECRET_KEY", RunnelServer.AdminKey);
        Environment.SetEnvironmentVariable("RUNNEL_URL", fixture.Server.BaseUrl.ToString());
        Environment.SetEnvironmentVariable("WELCOME_FLOW_ID", flow.Id);
        var email = TestData.Email();

        using var signups = new SignupHandler();
        var run = await signups.OnSignupAsync(email, "Ada", CancellationToken.None);

        Assert.Equal(TriggerStatuses.Started, run.Status);
        var member = await fixture.Client.Flows.Members.GetAsync(flow.Id, run.Id!);
        Assert.Equal("landing_page", member.Context["signupSource"]!.GetValue<string>());
        var contact = await fixture.Client.Contacts.GetAsync(run.ContactId);
        Assert.Equal(email, contact.Email);
        Assert.Equal("Ada", contact.FirstName);
        Assert.Equal(SubscriptionStatuses.Subscribed, contact.EmailSubscriptionStatus);
    }

    [Fact]
    public void The_README_shows_exactly_the_code_this_test_runs()
    {
        var source = File.ReadAllText(SourcePath());
        var begin = source.LastIndexOf("// README:begin", StringComparison.Ordinal);
        var end = source.LastIndexOf("// README:end", StringComparison.Ordinal);
        // The example's usings must sit at the top of this file, so the region carries them as comments.
        var tested = source[(source.IndexOf('\n', begin) + 1)..source.LastIndexOf('\n', end)]
            .Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace("// using ", "using ", StringComparison.Ordinal);

        var readmePath = Path.Combine(Path.GetDirectoryName(SourcePath())!, "..", "..", "src", "Runnel.Client", "README.md");
        var readme = File.ReadAllText(readmePath);
        var start = readme.IndexOf("```csharp\nusing System.Text.Json.Nodes;", StringComparison.Ordinal);
        Assert.True(start >= 0, "The README's worked example is missing.");
        var codeStart = readme.IndexOf('\n', start) + 1;
        var shown = readme[codeStart..readme.IndexOf("\n```", codeStart, StringComparison.Ordinal)];

        Assert.Equal(shown.Trim(), tested.Trim());
    }

    private static string SourcePath([CallerFilePath] string path = "") => path;
}

// The README's worked example lives in this file whole (its second type included): the test above compares it with
// src/Runnel.Client/README.md character for character.
// README:begin
// using System.Text.Json.Nodes;
// using Runnel.Client;

/// <summary>Your app's sign-up handler: make sure Runnel knows the person, then start the welcome flow.</summary>
public sealed class SignupHandler : IDisposable
{
    private readonly RunnelClient _runnel = new(new RunnelClientOptions
    {
        ApiKey = Environment.GetEnvironmentVariable("RUNNEL_SECRET_KEY")!,
        BaseUrl = new Uri(Environment.GetEnvironmentVariable("RUNNEL_URL") ?? "http://127.0.0.1:5080"),
    });

    private readonly string _welcomeFlowId = Environment.GetEnvironmentVariable("WELCOME_FLOW_ID")!;

    public async Task<TriggerResult> OnSignupAsync(string email, string firstName, CancellationToken ct)
    {
        // Upsert: creates the contact on the first sign-up, updates it on the next; the id is stable.
        var upsert = await _runnel.Contacts.UpsertAsync(new UpsertContactRequest
        {
            Email = email,
            FirstName = firstName,
            EmailSubscriptionStatus = SubscriptionStatuses.Subscribed,
        }, ct);

        // Trigger: answers once the enrollment is durable ("started", "already_running" or "skipped").
        // A retry after a lost answer reuses the call's idempotency key, so the flow never starts twice.
        return await _runnel.Flows.TriggerAsync(new TriggerRequest
        {
            FlowId = _welcomeFlowId,
            ContactId = upsert.ContactId,
            Context = new JsonObject { ["signupSource"] = "landing_page" },
        }, ct);
    }

    public void Dispose() => _runnel.Dispose();
}
// README:end
