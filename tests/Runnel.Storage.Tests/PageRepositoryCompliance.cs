using Runnel.Core.Pages;
using Runnel.Core.Storage;
using Runnel.Storage.Tests.Backends;

namespace Runnel.Storage.Tests;

/// <summary>Pages (migration 0013) on every backend: round trips, server-wide aliases, counters, member lookups.</summary>
public abstract class PageRepositoryCompliance : StoreTestBase
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    protected PageRepositoryCompliance(StoreBackend backend)
        : base(backend)
    {
    }

    private static LandingPage NewPage(Guid workspaceId, string alias, DateTimeOffset createdAt, Guid? memberId = null,
        Guid? contactId = null) =>
        new(Guid.CreateVersion7(createdAt), workspaceId, "Offer", alias, "<p>Hi</p>", null, null, false, memberId,
            contactId, memberId is null ? null : createdAt.AddDays(30), 0, 0, createdAt, createdAt);

    private static string Alias(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    [Fact]
    public async Task Pages_round_trip_list_newest_first_and_stay_in_their_workspace()
    {
        var workspaceId = await NewWorkspaceAsync();
        var otherId = await NewWorkspaceAsync();
        var member = Guid.CreateVersion7();
        var older = NewPage(workspaceId, Alias("older"), At) with
        {
            TemplateId = Guid.CreateVersion7(), FormId = Guid.CreateVersion7(), Published = true,
        };
        var newer = NewPage(workspaceId, Alias("newer"), At.AddSeconds(1), member, Guid.CreateVersion7());
        Assert.True(await Store.WriteAsync(async s =>
            await s.Pages.InsertAsync(older) && await s.Pages.InsertAsync(newer)));

        Assert.Equal(older, await Store.ReadAsync(s => s.Pages.GetAsync(workspaceId, older.Id)));
        Assert.Equal(newer, await Store.ReadAsync(s => s.Pages.FindByAliasAsync(newer.Alias)));
        Assert.Null(await Store.ReadAsync(s => s.Pages.GetAsync(otherId, older.Id)));
        var page = await Store.ReadAsync(s =>
            s.Pages.ListAsync(workspaceId, new PageListQuery(null), new PageRequest(1, 10)));
        Assert.Equal([newer, older], page.Items);
        var searched = await Store.ReadAsync(s =>
            s.Pages.ListAsync(workspaceId, new PageListQuery("older"), new PageRequest(1, 10)));
        Assert.Equal([older], searched.Items);
        Assert.Empty((await Store.ReadAsync(s =>
            s.Pages.ListAsync(otherId, new PageListQuery(null), new PageRequest(1, 10)))).Items);
    }

    [Fact]
    public async Task Aliases_are_unique_on_the_server_for_inserts_and_updates()
    {
        var workspaceId = await NewWorkspaceAsync();
        var otherId = await NewWorkspaceAsync();
        var alias = Alias("taken");
        var first = NewPage(workspaceId, alias, At);
        Assert.True(await Store.WriteAsync(s => s.Pages.InsertAsync(first)));
        Assert.False(await Store.WriteAsync(s => s.Pages.InsertAsync(NewPage(otherId, alias, At))));
        Assert.True(await Store.ReadAsync(s => s.Pages.AliasTakenAsync(alias)));
        Assert.False(await Store.ReadAsync(s => s.Pages.AliasTakenAsync(alias, first.Id)));

        var second = NewPage(workspaceId, Alias("second"), At);
        await Store.WriteAsync(s => s.Pages.InsertAsync(second));
        Assert.False(await Store.WriteAsync(s => s.Pages.UpdateAsync(second with { Alias = alias })));
        Assert.True(await Store.WriteAsync(s =>
            s.Pages.UpdateAsync(first with { Name = "Renamed", Published = true })));
        Assert.Equal(first with { Name = "Renamed", Published = true },
            await Store.ReadAsync(s => s.Pages.GetAsync(workspaceId, first.Id)));
    }

    [Fact]
    public async Task Views_and_submissions_count_and_members_find_their_newest_page()
    {
        var workspaceId = await NewWorkspaceAsync();
        var member = Guid.CreateVersion7();
        var contact = Guid.CreateVersion7();
        var first = NewPage(workspaceId, Alias("first"), At, member, contact);
        var latest = NewPage(workspaceId, Alias("latest"), At.AddMinutes(1), member, contact);
        var shared = NewPage(workspaceId, Alias("shared"), At);
        await Store.WriteAsync(async s =>
            await s.Pages.InsertAsync(first) && await s.Pages.InsertAsync(latest) && await s.Pages.InsertAsync(shared));
        await Store.WriteAsync(async s =>
        {
            await s.Pages.CountViewAsync(shared.Id);
            await s.Pages.CountViewAsync(shared.Id);
            await s.Pages.CountSubmissionAsync(shared.Id);
            return 0;
        });
        var counted = await Store.ReadAsync(s => s.Pages.GetAsync(workspaceId, shared.Id));
        Assert.Equal((2L, 1L), (counted!.Views, counted.Submissions));

        var aliases = await Store.ReadAsync(s => s.Pages.LatestAliasesAsync([member, Guid.CreateVersion7()]));
        Assert.Equal(latest.Alias, Assert.Single(aliases).Value);
        Assert.Empty(await Store.ReadAsync(s => s.Pages.LatestAliasesAsync([])));

        Assert.Equal(2, await Store.WriteAsync(s => s.Pages.DeleteForContactAsync(workspaceId, contact)));
        Assert.Null(await Store.ReadAsync(s => s.Pages.FindByAliasAsync(first.Alias)));
        Assert.NotNull(await Store.ReadAsync(s => s.Pages.FindByAliasAsync(shared.Alias)));
        Assert.True(await Store.WriteAsync(s => s.Pages.DeleteAsync(workspaceId, shared.Id)));
        Assert.False(await Store.WriteAsync(s => s.Pages.DeleteAsync(workspaceId, shared.Id)));
    }
}
