using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Flows;
using Runnel.Core.Rules;
using Runnel.Core.Storage;
using Runnel.Core.Triggers;

namespace Runnel.Core.Services;

/// <summary>
/// Writes trigger events inside the transaction of the change they describe, so a change and its trigger event
/// commit or roll back together and the dispatcher finds every one after a crash (docs/triggers-and-forms.md).
/// </summary>
public static class TriggerEventLog
{
    /// <summary>The fields a contact_updated event never reports: they change on every write or never.</summary>
    private static readonly HashSet<string> Untracked = new(StringComparer.Ordinal) { "id", "updated_at", "created_at" };

    public static async Task ContactCreatedAsync(IStoreSession s, Contact contact, DateTimeOffset now) =>
        await AppendAsync(s, contact.WorkspaceId, TriggerTypes.ContactCreated, contact.Id, null, [], now);

    /// <summary>
    /// Records what changed between two versions of a contact as <c>changes: {field: {before, after}}</c>, by the
    /// names triggers use (standard JSON names, custom field api_names); nothing when no tracked field changed.
    /// </summary>
    public static async Task ContactUpdatedAsync(IStoreSession s, Contact before, Contact after, DateTimeOffset now)
    {
        // Comparing every field costs more than asking first whether anything listens (a flow's update_contact step
        // runs this for each member).
        if (!await s.Triggers.MayFireAsync(new TriggerEvent(0, after.WorkspaceId, TriggerTypes.ContactUpdated,
            after.Id, null, [],
                now)))
        {
            return;
        }

        var changes = new JsonObject();
        var noTypes = new Dictionary<string, string>();
        var names = RuleEvaluator.StandardFieldNames.Where(n => !Untracked.Contains(n))
            .Concat(before.Fields.Select(p => p.Key)).Concat(after.Fields.Select(p => p.Key)).Distinct();
        foreach (var name in names)
        {
            var old = RuleEvaluator.ReadField(before, noTypes, name, out _);
            var current = RuleEvaluator.ReadField(after, noTypes, name, out _);
            if (!JsonNode.DeepEquals(old, current))
            {
                changes[name] = new JsonObject { ["before"] = old?.DeepClone(), ["after"] = current?.DeepClone() };
            }
        }

        if (changes.Count > 0)
        {
            await AppendAsync(s, after.WorkspaceId, TriggerTypes.ContactUpdated, after.Id, null,
                new JsonObject { ["changes"] = changes }, now);
        }
    }

    public static async Task ListMembershipChangedAsync(IStoreSession s, Guid workspaceId, Guid listId, Guid contactId,
        bool added, DateTimeOffset now) =>
        await AppendAsync(s, workspaceId, added ? TriggerTypes.AddedToStaticList : TriggerTypes.RemovedFromStaticList,
            contactId, Ids.Format(listId), [], now);

    public static async Task FormSubmittedAsync(IStoreSession s, Guid workspaceId, Guid formId, Guid contactId,
        Guid? pageId, DateTimeOffset now) =>
        await AppendAsync(s, workspaceId, TriggerTypes.FormSubmitted, contactId, Ids.Format(formId),
            pageId is { } page ? new JsonObject { ["page_id"] = Ids.Format(page) } : [], now);

    public static async Task EventRecordedAsync(IStoreSession s, Guid workspaceId, Guid contactId, string name,
        JsonObject properties, DateTimeOffset now) =>
        await AppendAsync(s, workspaceId, TriggerTypes.Event, contactId, name,
            new JsonObject { ["properties"] = properties.DeepClone() }, now);

    /// <summary>Stores the event, unless the store knows no active flow could fire on it (ITriggerRepository.MayFire).</summary>
    private static async Task AppendAsync(IStoreSession s, Guid workspaceId, string type, Guid contactId,
        string? subject, JsonObject data, DateTimeOffset now)
    {
        var triggerEvent = new TriggerEvent(0, workspaceId, type, contactId, subject, data, now);
        if (await s.Triggers.MayFireAsync(triggerEvent))
        {
            await s.Triggers.AppendAsync(triggerEvent);
        }
    }
}
