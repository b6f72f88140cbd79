using Runnel.Client.Tests.Infrastructure;

namespace Runnel.Client.Tests;

/// <summary>Flows.TriggerBatchAsync and Flows.StepStatsAsync against the real server.</summary>
[Collection(SharedServer.Name)]
public sealed class BatchAndStepStatsTests(ServerFixture fixture)
{
    private readonly RunnelClient _client = fixture.Client;

    [Fact]
    public async Task A_batch_reports_each_recipient_and_step_stats_count_them()
    {
        var flow = await TestData.ActiveWaitingFlowAsync(_client);
        var email = TestData.Email();
        var batch = await _client.Flows.TriggerBatchAsync(flow.Id,
        [
            new TriggerRecipient { Email = email, Context = TestData.Context() },
            new TriggerRecipient { Email = email },
            new TriggerRecipient { ContactId = Guid.NewGuid().ToString() },
        ]);
        Assert.Equal([TriggerStatuses.Started, TriggerStatuses.AlreadyRunning, TriggerStatuses.Invalid],
            batch.Results.Select(r => r.Status));
        Assert.Equal([0, 1, 2], batch.Results.Select(r => r.Index));
        Assert.Equal(batch.Results[0].Id, batch.Results[1].Id);
        Assert.Equal("contact_id", Assert.Single(batch.Results[2].Errors!).Path);

        var stats = await _client.Flows.StepStatsAsync(flow.Id);
        Assert.Equal(flow.Version, stats.Version);
        var pause = Assert.Single(stats.StepStats);
        Assert.Equal("pause", pause.StepId);
        Assert.Equal(1, pause.AtStep);
        Assert.Empty(stats.EdgeStats);
        Assert.Equal(stats.Version, (await _client.Flows.StepStatsAsync(flow.Id, stats.Version)).Version);
    }
}
