using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Runnel.Client.Tests.Infrastructure;

namespace Runnel.Client.Tests;
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
