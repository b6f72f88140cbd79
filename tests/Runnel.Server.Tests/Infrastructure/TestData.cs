using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Runnel.Core.Contacts;
using Runnel.Core.Storage;

namespace Runnel.Server.Tests.Infrastructure;

/// <summary>
/// Writes test data the lists feature reads but does not create: contacts through the store, and events and custom
/// field definitions as plain rows (their endpoints belong to other features).
/// </summary>
public static class TestData
{
    /// <summary>
    /// Inserts a contact created now, then moves the clock on a millisecond: UUIDv7 ids made in the same millisecond
    /// do not sort in creation order, and tests read lists in id order.
    /// </summary>
    public static async Task<Contact> InsertContactAsync(this RunnelFactory factory, Guid workspaceId,
        string? email = null, string? firstName = null, JsonObject? fields = null,
        SubscriptionStatus emailStatus = SubscriptionStatus.NonSubscribed)
    {
        var now = factory.Clock.GetUtcNow();
        factory.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var contact = new Contact(Guid.CreateVersion7(now), workspaceId, email, null, null, firstName, null, "UTC",
            emailStatus, SubscriptionStatus.NonSubscribed, null, fields ?? [], now, now);
        await factory.Services.GetRequiredService<IRunnelStore>().WriteAsync(async s =>
        {
            await s.Contacts.InsertAsync(contact);
            return contact;
        });
        return contact;
    }

    /// <summary>
    /// Many contacts in one transaction, for tests that cross the evaluator's batch size; each a millisecond after
    /// the one before, so id order is index order.
    /// </summary>
    public static async Task<IReadOnlyList<Contact>> InsertContactsAsync(this RunnelFactory factory, Guid workspaceId,
        int count, Func<int, JsonObject> fields)
    {
        var start = factory.Clock.GetUtcNow();
        factory.Clock.Advance(TimeSpan.FromMilliseconds(count));
        var contacts = Enumerable.Range(0, count).Select(i => start.AddMilliseconds(i)).Select((at, i) => new Contact(
            Guid.CreateVersion7(at), workspaceId, $"bulk{i}@example.com", null, null, null, null, "UTC",
            SubscriptionStatus.NonSubscribed, SubscriptionStatus.NonSubscribed, null, fields(i), at, at)).ToArray();
        await factory.Services.GetRequiredService<IRunnelStore>().WriteAsync(async s =>
        {
            foreach (var contact in contacts)
            {
                await s.Contacts.InsertAsync(contact);
            }

            return contacts.Length;
        });
        return contacts;
    }

    public static async Task InsertEventAsync(this RunnelFactory factory, Guid workspaceId, Guid contactId,
        string name, DateTimeOffset occurredAt, string properties = "{}")
    {
        await factory.ExecuteSqlAsync(
            """
            INSERT INTO events (id, workspace_id, contact_id, event_key, name, properties, occurred_at, created_at)
            VALUES (@id, @workspaceId, @contactId, @key, @name, @properties, @at, @at)
            """,
            new
            {
                id = Guid.CreateVersion7(),
                workspaceId,
                contactId,
                key = Guid.NewGuid().ToString("N"),
                name,
                properties,
                at = occurredAt.ToUnixTimeMilliseconds(),
            });
    }

    public static async Task InsertCustomFieldAsync(this RunnelFactory factory, Guid workspaceId, string apiName,
        string type)
    {
        var now = factory.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        await factory.ExecuteSqlAsync(
            """
            INSERT INTO custom_fields (workspace_id, api_name, label, type, status, created_at, updated_at)
            VALUES (@workspaceId, @apiName, @apiName, @type, 'active', @now, @now)
            """, new { workspaceId, apiName, type, now });
    }
}
