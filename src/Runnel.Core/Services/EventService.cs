using System.Text;
using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Errors;
using Runnel.Core.Events;
using Runnel.Core.Json;
using Runnel.Core.Storage;

namespace Runnel.Core.Services;

/// <summary>
/// Custom events (API.md §5). Recording one resolves its contact by the same identity precedence as a contact upsert
/// (contact_id, external_id, email, phone), creates the contact when an email, phone or external_id names nobody, and
/// stores the event, all in one transaction. A repeated event_id is accepted and ignored.
/// </summary>
public sealed class EventService(IRunnelStore store, TimeProvider time, ContactService contacts)
{
    public const int MaxNameLength = 200;
    public const int MaxEventIdLength = 255;
    public const int MaxPropertiesBytes = 32 * 1024;

    /// <summary>
    /// The outcome: <see cref="Duplicate"/> when the event_id was already recorded (then nothing was written and
    /// <see cref="Event"/> and <see cref="Contact"/> are null).
    /// </summary>
    public sealed record RecordResult(string EventId, bool Duplicate, ContactEvent? Event,
        ContactService.UpsertResult? Contact);

    public Task<RecordResult> RecordAsync(Guid workspaceId, RecordEventRequest request, CancellationToken ct)
    {
        var prepared = Prepare(request);
        var now = time.GetUtcNow();
        return store.WriteAsync(s => RecordAsync(s, workspaceId, prepared, now), ct);
    }

    /// <summary>Records an event inside the caller's write transaction.</summary>
    public async Task<RecordResult> RecordInSessionAsync(IStoreSession session, Guid workspaceId,
        RecordEventRequest request,
        DateTimeOffset now) => await RecordAsync(session, workspaceId, Prepare(request), now);

    public Task<Page<ContactEvent>> ListForContactAsync(Guid workspaceId, Guid contactId, PageRequest page,
        CancellationToken ct) => store.ReadAsync(async s =>
    {
        if (await s.Contacts.GetAsync(workspaceId, contactId) is null)
        {
            throw RunnelException.NotFound(ErrorCodes.ContactNotFound);
        }

        return await s.Events.ListForContactAsync(workspaceId, contactId, page);
    }, ct);

    private static Prepared Prepare(RecordEventRequest request)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            errors.Add("name", "is required");
        }
        else if (request.Name.Length > MaxNameLength)
        {
            errors.Add("name", $"must be at most {MaxNameLength} characters");
        }

        if (request.EventId is { Length: 0 or > MaxEventIdLength })
        {
            errors.Add("event_id", $"must be 1 to {MaxEventIdLength} characters");
        }

        var properties = request.Properties ?? [];
        if (Encoding.UTF8.GetByteCount(properties.ToJsonString(RunnelJson.Options)) > MaxPropertiesBytes)
        {
            errors.Add("properties", $"must be at most {MaxPropertiesBytes} bytes as JSON");
        }

        var identity = new ContactUpsert
        {
            ContactId = request.ContactId,
            Email = Present(request.Email),
            Phone = Present(request.Phone),
            ExternalId = Present(request.ExternalId),
        };
        var plan = ContactInput.Plan(identity, errors);
        errors.ThrowIfAny();
        return new Prepared(request.Name!, (JsonObject)properties.DeepClone(), request.OccurredAt, request.EventId,
            plan);
    }

    private async Task<RecordResult> RecordAsync(IStoreSession s, Guid workspaceId, Prepared p, DateTimeOffset now)
    {
        if (p.EventId is not null && await s.Events.ExistsAsync(workspaceId, p.EventId))
        {
            return new RecordResult(p.EventId, true, null, null);
        }

        var contact = await contacts.FindOrCreateAsync(s, workspaceId, p.Contact, now);
        var id = Ids.New(time);
        var recorded = new ContactEvent(id, workspaceId, contact.Contact.Id, p.EventId ?? Ids.Format(id), p.Name,
            p.Properties, p.OccurredAt ?? now, now);
        await s.Events.InsertAsync(recorded);
        await TriggerEventLog.EventRecordedAsync(s, workspaceId, contact.Contact.Id, p.Name, p.Properties, now);
        await ContactEffects.AfterEventAsync(s, contact.Contact, now);
        return new RecordResult(recorded.EventId, false, recorded, contact);
    }

    private static Optional<string?> Present(string? value) => value is null ? default : new Optional<string?>(value);

    private sealed record Prepared(string Name, JsonObject Properties, DateTimeOffset? OccurredAt, string? EventId,
        ContactPlan Contact);
}
