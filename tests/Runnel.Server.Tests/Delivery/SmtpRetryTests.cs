using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Delivery;

/// <summary>A server that answers 451 twice per message: the pump retries with backoff and delivers exactly once.</summary>
public sealed class SmtpRetryTests(FlakySmtpRunnelFactory factory) : IClassFixture<FlakySmtpRunnelFactory>
{
    [Fact]
    public async Task Transient_failures_are_retried_with_backoff_and_the_message_arrives_once()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flowId = await ws.OneEmailFlowAsync();
        var to = $"flaky-{Guid.NewGuid():N}@example.com";
        var memberId = (await ws.TriggerAsync(flowId, new { email = to })).Id();

        await ws.AdvanceAsync(TimeSpan.Zero);
        Assert.Empty(factory.Sink.MessagesTo(to));
        Assert.Empty((await ws.MemberAsync(flowId, memberId)).Entries("email_sent"));

        // First retry after 1 minute (refused again), the second 2 minutes later (accepted).
        await ws.AdvanceAsync(TimeSpan.FromSeconds(59));
        await ws.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Empty(factory.Sink.MessagesTo(to));
        await ws.AdvanceAsync(TimeSpan.FromMinutes(2));
        await ws.AdvanceAsync(TimeSpan.FromHours(1));

        var message = Assert.Single(factory.Sink.MessagesTo(to));
        var sent = Assert.Single((await ws.MemberAsync(flowId, memberId)).Entries("email_sent"));
        Assert.Equal(3, sent["data"]!["attempts"]!.GetValue<int>());
        Assert.Equal($"<{message.MessageId}>", sent["data"]!["smtp_message_id"]!.GetValue<string>());
        Assert.Equal("2026-11-22T09:03:00Z", sent["at"]!.GetValue<string>());
    }
}
