using Runnel.Core.Flows;

namespace Runnel.Storage;

/// <summary>Activation lookups on one workspace, inside the activating transaction.</summary>
internal sealed class SqlActivationCatalog(SqlDb db, Guid workspaceId, Func<Guid, Task<EmailState?>> emailLookup)
    : IActivationCatalog
{
    public async Task<ListKind?> FindListAsync(Guid listId) =>
        await db.SingleAsync<string>("SELECT type FROM lists WHERE workspace_id = @workspaceId AND id = @listId",
                new { workspaceId, listId }) switch
            {
                null => null,
                "static" => ListKind.Static,
                _ => ListKind.Dynamic,
            };

    public async Task<CustomFieldInfo?> FindCustomFieldAsync(string apiName)
    {
        var row = await db.SingleAsync<FieldRow>(
            "SELECT type, status FROM custom_fields WHERE workspace_id = @workspaceId AND api_name = @apiName",
            new { workspaceId, apiName });
        return row is null ? null : new CustomFieldInfo(row.Type, row.Status == "active");
    }

    public async Task<bool> SecretExistsAsync(string name) => await db.ScalarAsync<long>(
        "SELECT EXISTS (SELECT 1 FROM secrets WHERE workspace_id = @workspaceId AND name = @name)",
        new { workspaceId, name }) == 1;

    public async Task<bool> FormExistsAsync(Guid formId) => await db.ScalarAsync<long>(
        "SELECT EXISTS (SELECT 1 FROM forms WHERE workspace_id = @workspaceId AND id = @formId)",
        new { workspaceId, formId }) == 1;

    public async Task<bool> PageShowsFormAsync(Guid pageId, Guid formId) => await db.ScalarAsync<long>(
        "SELECT count(*) FROM pages WHERE workspace_id = @workspaceId AND id = @pageId AND form_id = @formId",
        new { workspaceId, pageId, formId }) == 1;

    public async Task<bool> TemplateExistsAsync(Guid templateId) => await db.ScalarAsync<long>(
        "SELECT count(*) FROM templates WHERE workspace_id = @workspaceId AND id = @templateId",
        new { workspaceId, templateId }) == 1;

    public Task<EmailState?> FindEmailAsync(Guid emailId) => emailLookup(emailId);

    public async Task<bool> HasSmsSenderAsync() => await db.ScalarAsync<long>(
        "SELECT EXISTS (SELECT 1 FROM workspaces WHERE id = @workspaceId AND sms_from IS NOT NULL)",
        new { workspaceId }) == 1;

    private sealed class FieldRow
    {
        public string Type { get; set; } = "";
        public string Status { get; set; } = "";
    }
}
