using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Json;
using Runnel.Core.Storage;

namespace Runnel.Storage;

internal sealed class SqlContactRepository(SqlDb db) : IContactRepository
{
    /// <summary>The contact columns in the order <see cref="ContactRow"/> maps them; usable with a table alias.</summary>
    public const string Columns =
        "id, workspace_id, email, phone, external_id, first_name, last_name, timezone, email_subscription_status, sms_subscription_status, opted_in_at, fields, created_at, updated_at";

    private static readonly string AliasedColumns = string.Join(", ", Columns.Split(", ").Select(c => "c." + c));

    private static readonly string[] SearchedColumns = ["email", "first_name", "last_name", "external_id", "phone"];

    private string SearchCondition => "(" + string.Join(" OR ", SearchedColumns.Select(c =>
        db.Dialect.Contains(db.Dialect.CaseFold($"coalesce({c}, '')"), "@search"))) + ")";

    public async Task<Contact?> GetAsync(Guid workspaceId, Guid id) =>
        (await db.SingleAsync<ContactRow>(
            $"SELECT {Columns} FROM contacts WHERE workspace_id = @workspaceId AND id = @id",
            new { workspaceId, id }))?.ToContact();

    public async Task<IReadOnlyDictionary<Guid, Contact>> GetManyAsync(Guid workspaceId, IReadOnlyCollection<Guid> ids)
    {
        var found = new Dictionary<Guid, Contact>(ids.Count);
        // Chunks keep each statement far below SQLite's bound on parameters.
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            foreach (var row in await db.QueryAsync<ContactRow>(
                         $"SELECT {Columns} FROM contacts WHERE workspace_id = @workspaceId AND {db.Dialect.InList("id", "@ids")}",
                         new { workspaceId, ids = db.Dialect.GuidList(chunk) }))
            {
                found[row.Id] = row.ToContact();
            }
        }

        return found;
    }

    public async Task<IReadOnlyList<Contact>> ListAfterAsync(Guid workspaceId, Guid? afterId, int limit) =>
        (await db.QueryAsync<ContactRow>(
            $"SELECT {Columns} FROM contacts WHERE workspace_id = @workspaceId{(afterId is null ? "" : " AND id > @afterId")} ORDER BY id LIMIT @limit",
            new { workspaceId, afterId, limit }))
        .Select(r => r.ToContact()).ToList();

    public async Task<Contact?> FindByEmailAsync(Guid workspaceId, string email) =>
        (await db.SingleAsync<ContactRow>(
            $"SELECT {Columns} FROM contacts WHERE workspace_id = @workspaceId AND email = @email",
            new { workspaceId, email }))?.ToContact();

    public async Task<Contact?> FindByPhoneAsync(Guid workspaceId, string phone) =>
        (await db.SingleAsync<ContactRow>(
            $"SELECT {Columns} FROM contacts WHERE workspace_id = @workspaceId AND phone = @phone",
            new { workspaceId, phone }))?.ToContact();

    public async Task<Contact?> FindByExternalIdAsync(Guid workspaceId, string externalId) =>
        (await db.SingleAsync<ContactRow>(
        $"SELECT {Columns} FROM contacts WHERE workspace_id = @workspaceId AND external_id = @externalId",
        new { workspaceId, externalId }))?.ToContact();

    public async Task<ContactLookup> LookUpAddressAsync(Guid workspaceId, string channel, string address,
        string addressHash)
    {
        var column = channel == Suppressions.EmailChannel ? "email" : "phone";
        // One row whether or not a contact has the address: the left join finds it by its unique index, the EXISTS
        // probes the suppression list's primary key.
        var row = (await db.SingleAsync<LookupRow>(
            $"""
            SELECT {AliasedColumns},
                EXISTS (SELECT 1 FROM suppressions
                        WHERE workspace_id = @workspaceId AND channel = @channel AND address_hash = @addressHash)
                    AS suppressed
            FROM (SELECT 1 AS one) AS probe
            LEFT JOIN contacts c ON c.workspace_id = @workspaceId AND c.{column} = @address
            """, new { workspaceId, channel, address, addressHash }))!;
        return new ContactLookup(row.Id == Guid.Empty ? null : row.ToContact(), row.Suppressed);
    }

    public async Task InsertAsync(Contact contact)
    {
        var row = ContactRow.From(contact);
        await db.ExecuteAsync(
            $"""
            INSERT INTO contacts ({Columns}) VALUES (@Id, @WorkspaceId, @Email, @Phone, @ExternalId, @FirstName,
                @LastName, @Timezone, @EmailSubscriptionStatus, @SmsSubscriptionStatus, @OptedInAt, @Fields,
                @CreatedAt, @UpdatedAt)
            """, row);
        var created = contact.CreatedAt.UtcDateTime;
        await db.ExecuteAsync(
            """
            INSERT INTO contact_dates (workspace_id, contact_id, field, day, month_day)
            VALUES (@WorkspaceId, @Id, 'created_at', @day, @monthDay)
            """,
            new
            {
                contact.WorkspaceId, contact.Id,
                day = created.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                monthDay = created.ToString("MM-dd", CultureInfo.InvariantCulture),
            });
        await IndexFieldDatesAsync(row);
    }

    public async Task UpdateAsync(Contact contact)
    {
        var row = ContactRow.From(contact);
        await db.ExecuteAsync(
            """
            UPDATE contacts SET email = @Email, phone = @Phone, external_id = @ExternalId, first_name = @FirstName,
                last_name = @LastName, timezone = @Timezone, email_subscription_status = @EmailSubscriptionStatus,
                sms_subscription_status = @SmsSubscriptionStatus, opted_in_at = @OptedInAt, fields = @Fields,
                updated_at = @UpdatedAt
            WHERE workspace_id = @WorkspaceId AND id = @Id
            """, row);
        await db.ExecuteAsync("DELETE FROM contact_dates WHERE contact_id = @Id AND field <> 'created_at'", row);
        await IndexFieldDatesAsync(row);
    }

    /// <summary>
    /// Keeps contact_dates in step with the fields JSON: every value written as a calendar date (date fields, and
    /// datetime fields by the date they are written with) gets a row the date-trigger query finds by index.
    /// </summary>
    private async Task IndexFieldDatesAsync(ContactRow row)
    {
        // Most contacts have no custom fields, and then nothing to index: no statement.
        if (row.Fields != "{}")
        {
            await db.ExecuteAsync(db.Dialect.IndexContactDates, row);
        }
    }

    public async Task<Page<Contact>> ListAsync(Guid workspaceId, ContactQuery query, PageRequest page)
    {
        var from = new StringBuilder("FROM contacts WHERE workspace_id = @workspaceId");
        if (query.Email is not null)
        {
            from.Append(" AND email = @Email");
        }

        if (query.Phone is not null)
        {
            from.Append(" AND phone = @Phone");
        }

        if (query.ExternalId is not null)
        {
            from.Append(" AND external_id = @ExternalId");
        }

        string? search = null;
        if (query.Search is not null)
        {
            search = query.Search.ToLowerInvariant();
            db.Dialect.PrepareCaseFold(db.Connection);
            from.Append(" AND ").Append(SearchCondition);
        }

        return (await db.PageAsync<ContactRow>(Columns, from.ToString(), "created_at DESC, id DESC", page,
            new { workspaceId, query.Email, query.Phone, query.ExternalId, search })).Map(r => r.ToContact());
    }

    public async Task<bool> DeleteAsync(Guid workspaceId, Guid id)
    {
        // The foreign keys cascade too; deleting explicitly keeps erasure complete even where enforcement is off.
        var args = new { workspaceId, id };
        await db.ExecuteAsync("DELETE FROM list_members WHERE workspace_id = @workspaceId AND contact_id = @id", args);
        await db.ExecuteAsync("DELETE FROM events WHERE workspace_id = @workspaceId AND contact_id = @id", args);
        await db.ExecuteAsync("DELETE FROM contact_dates WHERE contact_id = @id", args);
        await db.ExecuteAsync("DELETE FROM trigger_events WHERE contact_id = @id", args);
        await db.ExecuteAsync("DELETE FROM form_submissions WHERE contact_id = @id", args);
        return await db.ExecuteAsync("DELETE FROM contacts WHERE workspace_id = @workspaceId AND id = @id", args) == 1;
    }
}

/// <summary>A contacts row as Dapper reads it; shared by every repository that returns contacts.</summary>
internal class ContactRow
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

    public static ContactRow From(Contact c) => new()
    {
        Id = c.Id,
        WorkspaceId = c.WorkspaceId,
        Email = c.Email,
        Phone = c.Phone,
        ExternalId = c.ExternalId,
        FirstName = c.FirstName,
        LastName = c.LastName,
        Timezone = c.Timezone,
        EmailSubscriptionStatus = FormatStatus(c.EmailSubscriptionStatus),
        SmsSubscriptionStatus = FormatStatus(c.SmsSubscriptionStatus),
        OptedInAt = c.OptedInAt,
        Fields = c.Fields.ToJsonString(RunnelJson.Options),
        CreatedAt = c.CreatedAt,
        UpdatedAt = c.UpdatedAt,
    };

    public Contact ToContact() => new(Id, WorkspaceId, Email, Phone, ExternalId, FirstName, LastName, Timezone,
        ParseStatus(EmailSubscriptionStatus), ParseStatus(SmsSubscriptionStatus), OptedInAt,
        JsonNode.Parse(Fields) as JsonObject ?? [], CreatedAt, UpdatedAt);

    public static string FormatStatus(SubscriptionStatus status) => SubscriptionStatuses.ToWire(status);

    private static SubscriptionStatus ParseStatus(string value) =>
        SubscriptionStatuses.TryParse(value, out var status) ? status : SubscriptionStatus.NonSubscribed;
}

/// <summary>A contact row, empty when no contact matched, and whether the address looked up is suppressed.</summary>
internal sealed class LookupRow : ContactRow
{
    public bool Suppressed { get; set; }
}
