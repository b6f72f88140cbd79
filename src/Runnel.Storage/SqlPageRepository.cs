using Runnel.Core.Pages;
using Runnel.Core.Storage;

namespace Runnel.Storage;

internal sealed class SqlPageRepository(SqlDb db) : IPageRepository
{
    private const string Columns =
        "id, workspace_id, name, alias, html, template_id, form_id, published, member_id, contact_id, expires_at, " +
        "views, submissions, created_at, updated_at";

    public async Task<bool> InsertAsync(LandingPage page) => await db.ExecuteAsync(
        $"""
         INSERT INTO pages ({Columns}, search_name)
         VALUES (@Id, @WorkspaceId, @Name, @Alias, @Html, @TemplateId, @FormId, @Published, @MemberId, @ContactId,
                 @ExpiresAt, @Views, @Submissions, @CreatedAt, @UpdatedAt, @SearchName)
         ON CONFLICT (alias) DO NOTHING
         """, Args(page)) == 1;

    public async Task<LandingPage?> GetAsync(Guid workspaceId, Guid id) =>
        (await db.SingleAsync<Row>($"SELECT {Columns} FROM pages WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id }))?.ToPage();

    public async Task<LandingPage?> FindByAliasAsync(string alias) =>
        (await db.SingleAsync<Row>($"SELECT {Columns} FROM pages WHERE alias = @alias", new { alias }))?.ToPage();

    public async Task<bool> AliasTakenAsync(string alias, Guid? exceptId = null) =>
        (await db.QueryAsync<Guid>("SELECT id FROM pages WHERE alias = @alias", new { alias })).Any(id =>
            id != exceptId);

    public async Task<Page<LandingPage>> ListAsync(Guid workspaceId, PageListQuery query, PageRequest page)
    {
        var search = query.Search?.ToLowerInvariant();
        return (await db.PageAsync<Row>(Columns,
                $"""
                 FROM pages WHERE workspace_id = @workspaceId
                     {(search is null ? "" : "AND " + db.Dialect.Contains("search_name", "@search"))}
                 """,
                "created_at DESC, id DESC", page, new { workspaceId, search }))
            .Map(r => r.ToPage());
    }

    public async Task<bool> UpdateAsync(LandingPage page) => await db.ExecuteAsync(
        """
        UPDATE pages SET name = @Name, alias = @Alias, html = @Html, template_id = @TemplateId, form_id = @FormId,
            published = @Published, search_name = @SearchName, updated_at = @UpdatedAt
        WHERE workspace_id = @WorkspaceId AND id = @Id
          AND NOT EXISTS (SELECT 1 FROM pages other WHERE other.alias = @Alias AND other.id <> @Id)
        """, Args(page)) == 1;

    public async Task<bool> DeleteAsync(Guid workspaceId, Guid id) =>
        await db.ExecuteAsync("DELETE FROM pages WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id }) == 1;

    public async Task CountViewAsync(Guid id) =>
        await db.ExecuteAsync("UPDATE pages SET views = views + 1 WHERE id = @id", new { id });

    public async Task CountSubmissionAsync(Guid id) =>
        await db.ExecuteAsync("UPDATE pages SET submissions = submissions + 1 WHERE id = @id", new { id });

    public async Task<IReadOnlyDictionary<Guid, string>> LatestAliasesAsync(IReadOnlyCollection<Guid> memberIds)
    {
        var result = new Dictionary<Guid, string>();
        if (memberIds.Count == 0)
        {
            return result;
        }

        var ids = db.Dialect.GuidList(memberIds);
        foreach (var row in await db.QueryAsync<AliasRow>(
                     $"""
                      SELECT member_id, alias FROM pages WHERE {db.Dialect.InList("member_id", "@ids")}
                      ORDER BY created_at, id
                      """, new { ids }))
        {
            // Ordered oldest first: the newest page of each member is the one left.
            result[row.MemberId] = row.Alias;
        }

        return result;
    }

    public async Task<int> DeleteForContactAsync(Guid workspaceId, Guid contactId) =>
        await db.ExecuteAsync("DELETE FROM pages WHERE workspace_id = @workspaceId AND contact_id = @contactId",
            new { workspaceId, contactId });

    private static object Args(LandingPage page) => new
    {
        page.Id, page.WorkspaceId, page.Name, page.Alias, page.Html, page.TemplateId, page.FormId, page.Published,
        page.MemberId, page.ContactId, page.ExpiresAt, page.Views, page.Submissions, page.CreatedAt, page.UpdatedAt,
        SearchName = $"{page.Name}\n{page.Alias}".ToLowerInvariant(),
    };

    private sealed class AliasRow
    {
        public Guid MemberId { get; set; }
        public string Alias { get; set; } = "";
    }

    private sealed class Row
    {
        public Guid Id { get; set; }
        public Guid WorkspaceId { get; set; }
        public string Name { get; set; } = "";
        public string Alias { get; set; } = "";
        public string Html { get; set; } = "";
        public Guid? TemplateId { get; set; }
        public Guid? FormId { get; set; }
        public bool Published { get; set; }
        public Guid? MemberId { get; set; }
        public Guid? ContactId { get; set; }
        public DateTimeOffset? ExpiresAt { get; set; }
        public long Views { get; set; }
        public long Submissions { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }

        public LandingPage ToPage() => new(Id, WorkspaceId, Name, Alias, Html, TemplateId, FormId, Published, MemberId,
            ContactId, ExpiresAt, Views, Submissions, CreatedAt, UpdatedAt);
    }
}
