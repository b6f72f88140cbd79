using System.Net;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Delivery;

/// <summary>API.md §11: an unsubscribe takes effect before the next send, even for a message already queued.</summary>
public sealed class UnsubscribeBeforeSendTests(FlakySmtpRunnelFactory factory) : IClassFixture<FlakySmtpRunnelFactory>
{
    [Fact]
    public async Task A_queued_marketing_email_is_skipped_when_its_recipient_unsubscribes_before_the_retry()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flowId = await ws.OneEmailFlowAsync();
        var to = $"late-unsub-{Guid.NewGuid():N}@example.com";
        var started = await ws.TriggerAsync(flowId, new { email = to });
        await ws.AdvanceAsync(TimeSpan.Zero);
        Assert.Empty(factory.Sink.MessagesTo(to));

        await ws.Http.PatchJsonAsync($"/v1/contacts/{started.Id("contact_id")}",
            new { email_subscription_status = "unsubscribed" }).ExpectAsync(HttpStatusCode.OK);
        await ws.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Empty(factory.Sink.MessagesTo(to));
        var member = await ws.MemberAsync(flowId, started.Id());
        var skipped = Assert.Single(member.Entries("email_skipped"));
        Assert.Equal("unsubscribed", skipped["data"]!["reason"]!.GetValue<string>());
        Assert.Empty(member.Entries("email_sent"));
    }
}
