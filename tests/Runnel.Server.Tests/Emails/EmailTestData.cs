using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Runnel.Core.Emails;
using Runnel.Core.Storage;
using Runnel.Server.Tests.Infrastructure;

namespace Runnel.Server.Tests.Emails;

/// <summary>Shared steps of the email and template tests.</summary>
internal static class EmailTestData
{
    public static readonly string[] EmailMembers =
    [
        "id", "name", "subject", "preheader", "from_name", "from_email", "reply_to", "html", "text", "status",
        "approved_at", "created_at", "updated_at",
    ];

    public static Task<JsonNode> CreateEmailAsync(this WorkspaceClient ws, object body) =>
        ws.Http.PostJsonAsync("/v1/emails", body).ExpectAsync(HttpStatusCode.Created);

    public static Task<JsonNode> CreateReadyEmailAsync(this WorkspaceClient ws, string html = "<p>Hi {{ contact.first_name }}</p>") =>
        ws.CreateEmailAsync(new { name = "Welcome", subject = "Welcome, {{ contact.first_name }}", html,
            from_email = "hello@acme.test" });

    public static Task<JsonNode> CreateTemplateAsync(this WorkspaceClient ws, object body) =>
        ws.Http.PostJsonAsync("/v1/templates", body).ExpectAsync(HttpStatusCode.Created);

    public static Task<ApprovedEmail?> GetApprovedAsync(this RunnelFactory factory, Guid workspaceId, string emailId) =>
        factory.Services.GetRequiredService<IRunnelStore>()
            .ReadAsync(s => s.Emails.GetApprovedAsync(workspaceId, Guid.Parse(emailId)));

    public static Task<EmailStatus?> GetStatusAsync(this RunnelFactory factory, Guid workspaceId, string emailId) =>
        factory.Services.GetRequiredService<IRunnelStore>()
            .ReadAsync(s => s.Emails.GetStatusAsync(workspaceId, Guid.Parse(emailId)));

    /// <summary>
    /// Puts a contact straight into the database: the contacts API lives in another part of the server, and a
    /// preview only needs the row.
    /// </summary>
    public static async Task<Guid> SeedContactAsync(this RunnelFactory factory, Guid workspaceId, string firstName,
        string fieldsJson = "{}")
    {
        var id = Guid.CreateVersion7();
        await factory.ExecuteSqlAsync(
            """
            INSERT INTO contacts (id, workspace_id, email, first_name, last_name, timezone, email_subscription_status,
                sms_subscription_status, fields, created_at, updated_at)
            VALUES (@id, @workspaceId, @email, @firstName, 'Lovelace', 'UTC', 'subscribed', 'non_subscribed', @fieldsJson,
                @at, @at)
            """,
            new
            {
                id, workspaceId, email = $"{id:N}@example.com", firstName, fieldsJson,
                at = factory.Clock.GetUtcNow().ToUnixTimeMilliseconds(),
            });
        return id;
    }

    public static async Task<HttpClient> ClientWithScopesAsync(this RunnelFactory factory, WorkspaceClient ws,
        params string[] scopes)
    {
        var created = await ws.Http.PostJsonAsync("/v1/api-keys", new { name = "scoped", kind = "secret", scopes })
            .ExpectAsync(HttpStatusCode.Created);
        return factory.ClientWithKey(created["key"]!.GetValue<string>());
    }
}
