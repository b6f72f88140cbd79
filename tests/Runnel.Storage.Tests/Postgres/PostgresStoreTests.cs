using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Runnel.Core.Storage;
using Runnel.Core.Triggers;
using Runnel.Core.Workspaces;
using Runnel.Storage.Postgres;
using Runnel.Storage.Sqlite;
using Runnel.Storage.Tests.Backends;

namespace Runnel.Storage.Tests.Postgres;

/// <summary>What only the PostgreSQL store does: several nodes on one database, and notifications between them.</summary>
public sealed class PostgresStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    // Notifications travel through a real server; this bounds the wait for one, it is not a sleep.
    private static readonly TimeSpan NotificationTimeout = TimeSpan.FromSeconds(10);

    private readonly PostgresBackend _backend = new();

    public void Dispose() => _backend.Dispose();

    [Fact]
    public void Migrations_have_the_same_versions_as_sqlite()
    {
        static int[] Versions(Type store) => MigrationScripts
            .Discover(store.Assembly, store.Namespace + ".Migrations.").Select(m => m.Version).ToArray();

        Assert.NotEmpty(Versions(typeof(PostgresStore)));
        Assert.Equal(Versions(typeof(SqliteStore)), Versions(typeof(PostgresStore)));
    }

    [Fact]
    public void A_node_keeps_its_connections_within_a_share_of_the_server_unless_told_otherwise()
    {
        using (var store = (PostgresStore)_backend.Open())
        {
            Assert.Equal(40, store.MaxPoolSize);
        }

        using var told = new PostgresStore(_backend.ConnectionString + ";Maximum Pool Size=7");
        Assert.Equal(7, told.MaxPoolSize);
    }

    [Fact]
    public async Task Nodes_starting_together_on_an_empty_database_migrate_it_once()
    {
        var nodes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(_backend.Open)));
        try
        {
            Assert.All(await Task.WhenAll(nodes.Select(n => n.IsReadyAsync())), Assert.True);
        }
        finally
        {
            foreach (var node in nodes)
            {
                ((IDisposable)node).Dispose();
            }
        }
    }

    [Fact]
    public async Task Enrollments_racing_on_two_nodes_leave_exactly_one_running_membership()
    {
        using var a = (PostgresStore)_backend.Open();
        using var b = (PostgresStore)_backend.Open();
        var workspace = await NewWorkspaceAsync(a);
        var (flowId, contactId) = (Guid.CreateVersion7(), Guid.CreateVersion7());

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            ConcurrencyCompliance.EnrollAsync(i % 2 == 0 ? a : b, workspace, flowId, contactId)));

        var running = await b.ReadAsync(s => s.Members.ListRunningAsync(flowId, null, 100));
        var winner = Assert.Single(running);
        Assert.All(answers, id => Assert.Equal(winner.Id, id));
    }

    [Fact]
    public async Task Concurrent_writes_share_commits_and_a_failing_one_is_undone_alone()
    {
        using var store = (PostgresStore)_backend.Open();
        var workspace = await NewWorkspaceAsync(store);
        var commitsBefore = store.Statements.Commits;

        // 400 writes queued at once: the writer loops take them in batches, one transaction (and one WAL flush) each.
        var writes = Enumerable.Range(0, 400).Select(i => store.WriteAsync(async s =>
        {
            await s.Members.InsertAsync(ConcurrencyCompliance.NewMember(workspace, Guid.CreateVersion7(),
                Guid.CreateVersion7()));
            return i % 25 == 0 ? throw new InvalidOperationException("fails on purpose") : i;
        })).ToArray();
        var failed = 0;
        foreach (var write in writes)
        {
            try
            {
                await write;
            }
            catch (InvalidOperationException)
            {
                failed++;
            }
        }

        Assert.Equal(16, failed);
        var commits = store.Statements.Commits - commitsBefore;
        Assert.InRange(commits, 400 / PostgresStore.MaxBatchSize, 100);
        Assert.Equal(384, _backend.Scalar<long>($"SELECT COUNT(*) FROM flow_members WHERE workspace_id = '{workspace}'"));
    }

    [Fact]
    public async Task A_write_that_clashes_with_another_node_runs_again_from_a_fresh_snapshot()
    {
        using var a = (PostgresStore)_backend.Open();
        using var b = (PostgresStore)_backend.Open();
        var workspace = await NewWorkspaceAsync(a);

        // Both nodes rename the same workspace many times at once: REPEATABLE READ refuses every update of a row
        // another transaction changed after the snapshot (40001), and each refused write runs again, so all land.
        var renames = Enumerable.Range(0, 60).Select(i => (i % 2 == 0 ? a : b).WriteAsync(async s =>
        {
            var current = (await s.Workspaces.GetAsync(workspace))!;
            await s.Workspaces.UpdateAsync(current with { Name = current.Name + "." });
            return true;
        })).ToArray();
        await Task.WhenAll(renames);

        var name = (await a.ReadAsync(s => s.Workspaces.GetAsync(workspace)))!.Name;
        Assert.Equal("w" + new string('.', 60), name);
        Assert.True(a.Statements.Retries + b.Statements.Retries > 0, "the nodes never clashed");
    }

    [Fact]
    public async Task A_commit_that_made_work_due_is_heard_by_every_node_with_what_it_made_due()
    {
        var heard = new ConcurrentQueue<DueWork>();
        var heardOne = new SemaphoreSlim(0);
        var local = new ConcurrentQueue<DueWork>();
        using var listener = _backend.Open(null, due =>
        {
            heard.Enqueue(due);
            heardOne.Release();
        });
        using var writer = _backend.Open(local.Enqueue, _ => { });
        // The LISTEN connection announces everything when it connects (it may have missed some); drain that first.
        Assert.True(await heardOne.WaitAsync(NotificationTimeout));
        Assert.Equal([DueWork.All], heard);
        heard.Clear();

        var workspace = await NewWorkspaceAsync(writer);
        Assert.Equal(0, heardOne.CurrentCount);
        Assert.Empty(local);
        await writer.WriteAsync(async s =>
        {
            await s.Triggers.AppendAsync(new TriggerEvent(0, workspace, "contact_created", Guid.CreateVersion7(), null,
                [], Now));
            return true;
        });
        Assert.True(await heardOne.WaitAsync(NotificationTimeout));
        Assert.Equal([DueWork.Triggers], heard);
        Assert.Equal([DueWork.Triggers], local);
        heard.Clear();
        local.Clear();

        // One commit that made two kinds of work due: one notification of each, and one local call with both.
        await writer.WriteAsync(async s =>
        {
            await s.Members.InsertAsync(ConcurrencyCompliance.NewMember(workspace, Guid.CreateVersion7(),
                Guid.CreateVersion7()));
            await s.Triggers.AppendAsync(new TriggerEvent(0, workspace, "contact_created", Guid.CreateVersion7(), null,
                [], Now));
            return true;
        });
        Assert.True(await heardOne.WaitAsync(NotificationTimeout));
        Assert.True(await heardOne.WaitAsync(NotificationTimeout));
        Assert.Equal([DueWork.Members, DueWork.Triggers], heard.Order());
        Assert.Equal([DueWork.Members | DueWork.Triggers], local);
    }

    [Fact]
    public void Payloads_name_each_kind_of_work_and_older_or_unknown_ones_wake_more_rather_than_less()
    {
        foreach (var work in new[] { DueWork.Members, DueWork.Emails, DueWork.Sms, DueWork.Webhooks, DueWork.Triggers })
        {
            Assert.Equal(work, PostgresStore.Parse(PostgresStore.Payload(work)));
        }

        Assert.Equal(PostgresStore.TriggersPayload, PostgresStore.Payload(DueWork.Triggers));
        // "work" is what nodes of the previous version send for anything but trigger events.
        Assert.Equal(DueWork.Members | DueWork.Emails | DueWork.Sms | DueWork.Webhooks,
            PostgresStore.Parse(PostgresStore.WorkPayload));
        Assert.Equal(DueWork.All, PostgresStore.Parse("something-newer"));
    }

    [Fact]
    public async Task A_write_that_fails_notifies_nobody_and_keeps_nothing()
    {
        var heard = new ConcurrentQueue<DueWork>();
        var connected = new SemaphoreSlim(0);
        using var listener = _backend.Open(null, due =>
        {
            heard.Enqueue(due);
            connected.Release();
        });
        Assert.True(await connected.WaitAsync(NotificationTimeout));
        using var writer = (PostgresStore)_backend.Open();
        var workspace = await NewWorkspaceAsync(writer);
        heard.Clear();

        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteAsync<bool>(async s =>
        {
            await s.Triggers.AppendAsync(new TriggerEvent(0, workspace, "contact_created", Guid.CreateVersion7(), null,
                new JsonObject(), Now));
            throw new InvalidOperationException("fails on purpose");
        }));
        // A later write that does notify proves the listener is live; the failed one must not have been heard first.
        await writer.WriteAsync(async s =>
        {
            await s.Members.InsertAsync(ConcurrencyCompliance.NewMember(workspace, Guid.CreateVersion7(),
                Guid.CreateVersion7()));
            return true;
        });
        Assert.True(await connected.WaitAsync(NotificationTimeout));
        Assert.Equal([DueWork.Members], heard);
        Assert.Empty(await writer.WriteAsync(s => s.Triggers.ClaimPendingAsync(10)));
    }

    [Fact]
    public async Task The_listen_connection_reconnects_after_the_server_drops_it()
    {
        var heard = new SemaphoreSlim(0);
        using var listener = _backend.Open(null, _ => heard.Release());
        Assert.True(await heard.WaitAsync(NotificationTimeout));

        _backend.Execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'");
        // Reconnected, it wakes its loops for whatever it may have missed, and then hears new commits again.
        Assert.True(await heard.WaitAsync(NotificationTimeout));
        using var writer = (PostgresStore)_backend.Open();
        var workspace = await NewWorkspaceAsync(writer);
        await writer.WriteAsync(async s =>
        {
            await s.Members.InsertAsync(ConcurrencyCompliance.NewMember(workspace, Guid.CreateVersion7(),
                Guid.CreateVersion7()));
            return true;
        });
        Assert.True(await heard.WaitAsync(NotificationTimeout));
    }

    private static Task<Guid> NewWorkspaceAsync(PostgresStore store) =>
        StoreTestBase.InsertWorkspaceAsync(store, Guid.CreateVersion7());
}
