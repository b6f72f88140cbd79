using Runnel.Core.Diagnostics;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Runtime;

/// <summary>The engine logs what only a timeline row showed before, with the member's ids as properties.</summary>
public sealed class EngineLoggingTests(LogCapturingFactory factory) : IClassFixture<LogCapturingFactory>
{
    [Fact]
    public async Task A_member_whose_contact_update_clashes_is_logged_as_failed_with_its_ids()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flowId = await ws.ActiveFlowAsync("""
            {"triggers":[{"type":"api"}],
             "steps":[{"step_id":"u","type":"update_contact","field":"email","value":"{{context.email}}"}]}
            """);
        await ws.TriggerAsync(flowId, new { email = "taken@example.com", context = new { email = "taken@example.com" } });
        await ws.AdvanceAsync(TimeSpan.Zero);
        var started = await ws.TriggerAsync(flowId,
            new { email = "clash@example.com", context = new { email = "taken@example.com" } });
        await ws.AdvanceAsync(TimeSpan.Zero);
        var memberId = started.Id();
        Assert.Equal("failed", (await ws.MemberAsync(flowId, memberId)).Status());

        var record = Assert.Single(factory.Logs.Records,
            r => r.EventId.Id == RunnelEventId.Runtime.MemberFailed && r.Properties["member_id"]?.ToString() == memberId);
        Assert.Equal("u", record.Properties["step_id"]);
        Assert.NotNull(record.Properties["flow_id"]);
        Assert.NotNull(record.Properties["workspace_id"]);
        Assert.NotNull(record.Exception);
    }
}
