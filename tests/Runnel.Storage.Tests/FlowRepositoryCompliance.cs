using Runnel.Core.Flows;
using Runnel.Core.Json;
using Runnel.Core.Storage;
using Runnel.Core.Workspaces;
using Runnel.Storage.Tests.Backends;

namespace Runnel.Storage.Tests;

public abstract class FlowRepositoryCompliance : StoreTestBase
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private readonly Guid _workspace = Guid.CreateVersion7();

    protected FlowRepositoryCompliance(StoreBackend backend)
        : base(backend)
    {
        Store.WriteAsync(async s =>
        {
            await s.Workspaces.InsertAsync(new Workspace(_workspace, "w", "UTC", null, null, null, null, false, T0,
                T0));
            return true;
        }).GetAwaiter().GetResult();
    }

    private static FlowDefinition Webhook(string secret) => RunnelJson.Deserialize<FlowDefinition>($$"""
        {"steps":[{"step_id":"hook","type":"send_webhook","endpoint_url":"https://example.com","auth_type":"jwt","secret_ref":"{{secret}}"}]}
        """)!;

    private Flow NewFlow(string name, FlowStatus status, FlowDefinition? definition = null, int minutes = 0) =>
        new(Guid.CreateVersion7(), _workspace, name, "", status, definition ?? new FlowDefinition(), 0,
            T0.AddMinutes(minutes), T0.AddMinutes(minutes), null);

    [Fact]
    public async Task Flows_round_trip_and_versions_go_with_their_flow()
    {
        var flow = NewFlow("Röntgen Ünïcode", FlowStatus.Paused, Webhook("crm_key"));
        await Store.WriteAsync(async s =>
        {
            await s.Flows.InsertAsync(flow);
            await s.Flows.InsertVersionAsync(flow.Id, 1, flow.Definition, T0);
            return true;
        });

        var read = await Store.ReadAsync(s => s.Flows.GetAsync(_workspace, flow.Id));
        Assert.Equal(RunnelJson.Serialize(flow.Definition), RunnelJson.Serialize(read!.Definition));
        Assert.Equal(flow with { Definition = read.Definition }, read);
        Assert.Null(await Store.ReadAsync(s => s.Flows.GetAsync(Guid.CreateVersion7(), flow.Id)));
        Assert.NotNull(await Store.ReadAsync(s => s.Flows.GetVersionAsync(flow.Id, 1)));
        var found = await Store.ReadAsync(s => s.Flows.ListAsync(_workspace,
            new FlowListQuery(new HashSet<FlowStatus> { FlowStatus.Paused }, FlowSortField.Name, false, "ünï"),
            PageRequest.Default));
        Assert.Equal(flow.Id, Assert.Single(found.Items).Id);

        Assert.True(await Store.WriteAsync(s => s.Flows.DeleteAsync(_workspace, flow.Id)));
        Assert.Null(await Store.ReadAsync(s => s.Flows.GetVersionAsync(flow.Id, 1)));
        Assert.False(await Store.WriteAsync(s => s.Flows.DeleteAsync(_workspace, flow.Id)));
    }

    [Fact]
    public async Task Only_active_flows_count_as_using_a_secret()
    {
        var active = NewFlow("a", FlowStatus.Active, Webhook("live_key"));
        var paused = NewFlow("b", FlowStatus.Paused, Webhook("paused_key"));
        await Store.WriteAsync(async s =>
        {
            await s.Flows.InsertAsync(active);
            await s.Flows.InsertAsync(paused);
            return true;
        });

        Assert.True(await Store.ReadAsync(s => s.Flows.ActiveFlowUsesSecretAsync(_workspace, "live_key")));
        Assert.False(await Store.ReadAsync(s => s.Flows.ActiveFlowUsesSecretAsync(_workspace, "live")));
        Assert.False(await Store.ReadAsync(s => s.Flows.ActiveFlowUsesSecretAsync(_workspace, "paused_key")));
        Assert.False(await Store.ReadAsync(s => s.Flows.ActiveFlowUsesSecretAsync(Guid.CreateVersion7(), "live_key")));
    }

    [Fact]
    public async Task Stats_answer_for_every_flow_asked_about()
    {
        var ids = new[] { Guid.CreateVersion7(), Guid.CreateVersion7() };
        var stats = await Store.ReadAsync(s => s.Members.CountByFlowAsync(_workspace, ids));
        Assert.Equal(ids.Order(), stats.Keys.Order());
        Assert.All(stats.Values, v => Assert.Equal(FlowStats.Zero, v));
    }
}
