using System.Text.Json.Nodes;
using Runnel.Core.Rules;
using Runnel.Core.Storage;

namespace Runnel.Storage;

internal sealed class SqlRuleFactsRepository(SqlDb db) : IRuleFactsRepository
{
    public async Task<RuleFactsBatch> LoadAsync(Guid workspaceId, IReadOnlyCollection<Guid> contactIds,
        IReadOnlyDictionary<string, DateTimeOffset?> eventsSince)
    {
        var ids = db.Dialect.GuidList(contactIds);
        var fieldTypes = (await db.QueryAsync<FieldTypeRow>(
                "SELECT api_name, type FROM custom_fields WHERE workspace_id = @workspaceId",
                new { workspaceId }))
            .ToDictionary(r => r.ApiName, r => r.Type, StringComparer.Ordinal);
        var memberships = (await db.QueryAsync<MembershipRow>(
                $"SELECT contact_id, list_id FROM list_members WHERE workspace_id = @workspaceId AND {db.Dialect.InList("contact_id", "@ids")}",
                new { workspaceId, ids }))
            .GroupBy(r => r.ContactId)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<Guid>)g.Select(r => r.ListId).ToHashSet());

        var events = new Dictionary<(Guid ContactId, string Name), IReadOnlyList<RuleEvent>>();
        foreach (var (name, since) in eventsSince)
        {
            var rows = await db.QueryAsync<EventRow>(
                $"""
                SELECT contact_id, occurred_at, properties FROM events
                WHERE workspace_id = @workspaceId AND name = @name AND {db.Dialect.InList("contact_id", "@ids")}
                  {(since is null ? "" : "AND occurred_at >= @since")}
                ORDER BY contact_id, occurred_at
                """, new { workspaceId, name, ids, since });
            foreach (var group in rows.GroupBy(r => r.ContactId))
            {
                events[(group.Key, name)] = group
                    .Select(r => new RuleEvent(r.OccurredAt, JsonNode.Parse(r.Properties) as JsonObject ?? []))
                    .ToArray();
            }
        }

        return new RuleFactsBatch(fieldTypes, memberships, events);
    }

    private sealed class FieldTypeRow
    {
        public string ApiName { get; set; } = "";
        public string Type { get; set; } = "";
    }

    private sealed class MembershipRow
    {
        public Guid ContactId { get; set; }
        public Guid ListId { get; set; }
    }

    private sealed class EventRow
    {
        public Guid ContactId { get; set; }
        public DateTimeOffset OccurredAt { get; set; }
        public string Properties { get; set; } = "{}";
    }
}
