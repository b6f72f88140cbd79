using System.Collections.Concurrent;
using Runnel.Core.Members;
using Runnel.Core.Storage;
using Runnel.Core.Triggers;
using Runnel.Core.Workspaces;
using Runnel.Storage.Sqlite;
using Runnel.Storage.Tests.Backends;

namespace Runnel.Storage.Tests.Sqlite;

/// <summary>
/// One process owns a SQLite file, so nobody else can tell its loops that work fell due: the store calls back right
/// after each commit that made work due, with what it made due, and the work is already visible to reads then.
/// </summary>
public sealed class SqliteCommitCallbackTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    // The callback runs on the writer thread right after the commit; this bounds the wait for it, it is not a sleep.
    private static readonly TimeSpan CallbackTimeout = TimeSpan.FromSeconds(10);

    private readonly SqliteBackend _backend = new();
    private readonly BlockingCollection<(DueWork Due, int MembersVisible)> _calls = new();
    private readonly SqliteStore _store;

    public SqliteCommitCallbackTests()
    {
        SqliteStore? store = null;
        _store = store = new SqliteStore(_backend.DatabasePath, due =>
            // A read from inside the callback: what it announces is committed and visible by then.
            _calls.Add((due,
                store!.ReadAsync(async s => (await s.Members.ListRunningAsync(FlowId, null, 100)).Count).Result)));
    }

    private static Guid FlowId { get; } = Guid.CreateVersion7();

    public void Dispose()
    {
        _store.Dispose();
        _calls.Dispose();
        _backend.Dispose();
    }

    [Fact]
    public async Task A_commit_that_made_work_due_calls_back_after_it_is_visible_and_other_commits_do_not()
    {
        var workspace = new Workspace(Guid.CreateVersion7(), "w", "UTC", null, null, null, null, false, Now, Now);
        await _store.WriteAsync(async s =>
        {
            await s.Workspaces.InsertAsync(workspace);
            return true;
        });

        var member = ConcurrencyCompliance.NewMember(workspace.Id, FlowId, Guid.CreateVersion7());
        await _store.WriteAsync(async s =>
        {
            await s.Members.InsertAsync(member);
            return true;
        });
        Assert.True(_calls.TryTake(out var call, CallbackTimeout));
        Assert.Equal((DueWork.Members, 1), call);

        await _store.WriteAsync(async s =>
        {
            await s.Triggers.AppendAsync(new TriggerEvent(0, workspace.Id, "contact_created", member.ContactId, null,
                [], Now));
            return true;
        });
        Assert.True(_calls.TryTake(out call, CallbackTimeout));
        Assert.Equal((DueWork.Triggers, 1), call);

        // The workspace write made nothing due and was not announced: the queue holds no call for it.
        Assert.Empty(_calls);
    }

    [Fact]
    public async Task Writes_committed_together_are_announced_together()
    {
        var workspace = Guid.CreateVersion7();
        // Queued at once, the writes share the writer's batch and its commit; however they are grouped, the calls add
        // up to both kinds, and none comes before its write is visible.
        await Task.WhenAll(
            _store.WriteAsync(async s =>
            {
                await s.Members.InsertAsync(ConcurrencyCompliance.NewMember(workspace, FlowId, Guid.CreateVersion7()));
                return true;
            }),
            _store.WriteAsync(async s =>
            {
                await s.Triggers.AppendAsync(new TriggerEvent(0, workspace, "contact_created", Guid.CreateVersion7(),
                    null, [], Now));
                return true;
            }));

        var seen = DueWork.None;
        while (seen != (DueWork.Members | DueWork.Triggers))
        {
            Assert.True(_calls.TryTake(out var call, CallbackTimeout), $"only {seen} was announced");
            Assert.True(!call.Due.HasFlag(DueWork.Members) || call.MembersVisible == 1);
            seen |= call.Due;
        }
    }
}
