using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Storage;

namespace Runnel.Storage.Sqlite;

internal sealed class SqliteContactRepository(SqliteDb db) : IContactRepository
{
    /// <summary>The contact columns in the order <see cref="ContactRow"/> maps them; usable with a table alias.</summary>
    public const string Columns =
        "id, workspace_id, email, phone, external_id, first_name, last_name, timezone, email_subscription_status, sms_subscription_status, opted_in_at, fields, created_at, updated_at";

    public void Insert(Contact contact) => db.Execute(
        $"""
        INSERT INTO contacts ({Columns})
        VALUES (@Id, @WorkspaceId, @Email, @Phone, @ExternalId, @FirstName, @LastName, @Timezone,
            @EmailSubscriptionStatus, @SmsSubscriptionStatus, @OptedInAt, @Fields, @CreatedAt, @UpdatedAt)
        """,
        new
        {
            contact.Id,
            contact.WorkspaceId,
            contact.Email,
            contact.Phone,
            contact.ExternalId,
            contact.FirstName,
            contact.LastName,
            contact.Timezone,
            EmailSubscriptionStatus = ContactRow.FormatStatus(contact.EmailSubscriptionStatus),
            SmsSubscriptionStatus = ContactRow.FormatStatus(contact.SmsSubscriptionStatus),
            contact.OptedInAt,
            Fields = contact.Fields.ToJsonString(),
            contact.CreatedAt,
            contact.UpdatedAt,
        });

    public Contact? Get(Guid workspaceId, Guid id) =>
        db.Single<ContactRow>($"SELECT {Columns} FROM contacts WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id })?.ToContact();

    public IReadOnlyList<Contact> ListAfter(Guid workspaceId, Guid? afterId, int limit) => db.Query<ContactRow>(
            $"SELECT {Columns} FROM contacts WHERE workspace_id = @workspaceId AND (@afterId IS NULL OR id > @afterId) ORDER BY id LIMIT @limit",
            new { workspaceId, afterId, limit })
        .Select(r => r.ToContact()).ToList();
}

/// <summary>A contacts row as Dapper reads it; shared by every repository that returns contacts.</summary>
internal sealed class ContactRow
{
    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? ExternalId { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string Timezone { get; set; } = "UTC";
    public string EmailSubscriptionStatus { get; set; } = "non_subscribed";
    public string SmsSubscriptionStatus { get; set; } = "non_subscribed";
    public DateTimeOffset? OptedInAt { get; set; }
    public string Fields { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public Contact ToContact() => new(Id, WorkspaceId, Email, Phone, ExternalId, FirstName, LastName, Timezone,
        ParseStatus(EmailSubscriptionStatus), ParseStatus(SmsSubscriptionStatus), OptedInAt,
        JsonNode.Parse(Fields) as JsonObject ?? [], CreatedAt, UpdatedAt);

    public static string FormatStatus(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.Subscribed => "subscribed",
        SubscriptionStatus.Unsubscribed => "unsubscribed",
        _ => "non_subscribed",
    };

    private static SubscriptionStatus ParseStatus(string value) => value switch
    {
        "subscribed" => SubscriptionStatus.Subscribed,
        "unsubscribed" => SubscriptionStatus.Unsubscribed,
        _ => SubscriptionStatus.NonSubscribed,
    };
}
