using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Errors;
using Runnel.Core.Json;
using Runnel.Core.Members;
using Runnel.Core.Storage;
using Runnel.Core.Time;

namespace Runnel.Core.Services;

/// <summary>
/// Contacts (API.md §3): upsert by identity, partial updates, reads and erasure. The <c>…InSession</c> methods run
/// inside a caller's write transaction, for other features (flow triggers, forms, events) that change contacts
/// together with their own rows.
/// </summary>
public sealed class ContactService(IRunnelStore store, TimeProvider time)
{
    public const int MaxSearchLength = 200;

    /// <summary>
    /// The contact after an upsert; <see cref="Previous"/> is the contact before it, null when created.
    /// </summary>
    public sealed record UpsertResult(Contact Contact, bool Created, Contact? Previous);

    public Task<UpsertResult> UpsertAsync(Guid workspaceId, ContactUpsert input, CancellationToken ct)
    {
        var plan = Prepare(input);
        var now = time.GetUtcNow();
        return store.WriteAsync(s => Upsert(s, workspaceId, plan, now), ct);
    }

    /// <summary>
    /// Upserts inside the caller's transaction: the first of contact_id, external_id, email, phone that matches
    /// names the contact and the rest of <paramref name="input"/> is applied to it; no match creates one. Throws
    /// <see cref="RunnelException"/> (validation_failed, contact_not_found, contact_identity_conflict).
    /// </summary>
    public UpsertResult UpsertInSession(IStoreSession session, Guid workspaceId, ContactUpsert input,
        DateTimeOffset now) => Upsert(session, workspaceId, Prepare(input), now);

    public async Task<Contact> GetAsync(Guid workspaceId, Guid id, CancellationToken ct) =>
        await store.ReadAsync(s => s.Contacts.Get(workspaceId, id), ct) ?? throw ContactNotFound();

    public Task<Page<Contact>> ListAsync(Guid workspaceId, ContactQuery query, PageRequest page, CancellationToken ct)
    {
        if (query.Search is { Length: > MaxSearchLength })
        {
            throw RunnelException.Invalid("search", $"must be at most {MaxSearchLength} characters");
        }

        // Filters compare with stored values, so they are normalised the same way; a phone that does not parse
        // cannot be stored and so matches nobody.
        var normalized = new ContactQuery(
            query.Email is null ? null : EmailAddress.Normalize(query.Email),
            query.Phone is null ? null
                : PhoneNumber.TryNormalize(query.Phone, out var e164) ? e164 : query.Phone.Trim(),
            query.ExternalId,
            query.Search?.Trim() is { Length: > 0 } search ? search : null);
        return store.ReadAsync(s => s.Contacts.List(workspaceId, normalized, page), ct);
    }

    public Task<Contact> UpdateAsync(Guid workspaceId, Guid id, ContactChanges changes, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var normalized = ContactInput.Normalize(changes, errors);
        errors.ThrowIfAny();
        var now = time.GetUtcNow();
        return store.WriteAsync(s =>
        {
            var current = s.Contacts.Get(workspaceId, id) ?? throw ContactNotFound();
            return Apply(s, current, normalized, null, isNew: false, now);
        }, ct);
    }

    public Task EraseAsync(Guid workspaceId, Guid id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return store.WriteAsync(s =>
        {
            EraseInSession(s, workspaceId, id, now);
            return true;
        }, ct);
    }

    /// <summary>
    /// Erases a contact inside the caller's transaction: the row, its list memberships and events go, its running
    /// flow memberships are dropped (<c>contact_deleted</c>) and every membership loses its context, timeline details
    /// outbox copies and pages made for it; its email and phone stay only as hashes on the suppression list.
    /// </summary>
    public static void EraseInSession(IStoreSession session, Guid workspaceId, Guid id, DateTimeOffset now)
    {
        var contact = session.Contacts.Get(workspaceId, id) ?? throw ContactNotFound();
        if (contact.Email is not null)
        {
            session.Suppressions.Add(workspaceId, Suppressions.EmailChannel, Suppressions.Hash(contact.Email),
                Suppressions.ContactErased, now);
        }

        if (contact.Phone is not null)
        {
            session.Suppressions.Add(workspaceId, Suppressions.SmsChannel, Suppressions.Hash(contact.Phone),
                Suppressions.ContactErased, now);
        }

        foreach (var member in session.Members.ListRunningForContact(workspaceId, id))
        {
            MemberLifecycle.Drop(session, member, ExitReasons.ContactDeleted, now);
        }

        session.Members.ScrubPersonalData(workspaceId, id);
        session.SmsInbound.DeleteForContact(workspaceId, id);
        // A member's page was rendered with the contact's data: it goes with the contact.
        session.Pages.DeleteForContact(workspaceId, id);
        session.Contacts.Delete(workspaceId, id);
    }

    internal static ContactPlan Prepare(ContactUpsert input)
    {
        var errors = new ValidationErrors();
        var plan = ContactInput.Plan(input, errors);
        errors.ThrowIfAny();
        return plan;
    }

    /// <summary>The contact the plan's identities name, by precedence; null when none matches.</summary>
    internal static Contact? Find(IStoreSession s, Guid workspaceId, ContactPlan plan) =>
        Find(s, workspaceId, plan, out _);

    /// <summary>
    /// <see cref="Find(IStoreSession, Guid, ContactPlan)"/>; when nothing matches, <paramref name="unclaimed"/> holds
    /// the identities looked up and found on nobody, with whether their addresses are suppressed (asked in the same
    /// queries), so creating the contact need not ask again.
    /// </summary>
    private static Contact? Find(IStoreSession s, Guid workspaceId, ContactPlan plan, out Identities unclaimed)
    {
        var changes = plan.Changes;
        unclaimed = new Identities(changes.ExternalId.Value, changes.Email.Value, changes.Phone.Value);
        if (plan.HasContactId)
        {
            // A contact_id is an exact reference: when it names nothing, falling through to email would quietly
            // write to a different contact than the caller meant.
            return (plan.ContactId is { } id ? s.Contacts.Get(workspaceId, id) : null) ?? throw ContactNotFound();
        }

        if (changes.ExternalId.Value is { } externalId && s.Contacts.FindByExternalId(workspaceId, externalId) is { } byId)
        {
            return byId;
        }

        var byEmail = LookUp(s, workspaceId, Suppressions.EmailChannel, changes.Email.Value);
        if (byEmail?.Contact is { } emailOwner)
        {
            return emailOwner;
        }

        var byPhone = LookUp(s, workspaceId, Suppressions.SmsChannel, changes.Phone.Value);
        if (byPhone?.Contact is { } phoneOwner)
        {
            return phoneOwner;
        }

        unclaimed = unclaimed with { EmailSuppressed = byEmail?.Suppressed, PhoneSuppressed = byPhone?.Suppressed };
        return null;

        static ContactLookup? LookUp(IStoreSession s, Guid workspaceId, string channel, string? address) =>
            address is null ? null : s.Contacts.LookUpAddress(workspaceId, channel, address, Suppressions.Hash(address));
    }

    /// <summary>
    /// Finds the plan's contact, or creates one holding only its identities; other members are ignored.
    /// </summary>
    internal UpsertResult FindOrCreate(IStoreSession s, Guid workspaceId, ContactPlan plan, DateTimeOffset now)
    {
        if (Find(s, workspaceId, plan, out var unclaimed) is { } found)
        {
            return new UpsertResult(found, false, found);
        }

        var changes = plan.Changes;
        var identityOnly = new ContactChangeSet(changes.Email, changes.Phone, changes.ExternalId, default, default,
            default, default, default, default, null);
        return new UpsertResult(Create(s, workspaceId, identityOnly, plan.CreateDefaults, unclaimed, now), true,
            null);
    }

    private UpsertResult Upsert(IStoreSession s, Guid workspaceId, ContactPlan plan, DateTimeOffset now)
    {
        if (Find(s, workspaceId, plan, out var unclaimed) is { } current)
        {
            return new UpsertResult(Apply(s, current, plan.Changes, null, isNew: false, now), false, current);
        }

        return new UpsertResult(Create(s, workspaceId, plan.Changes, plan.CreateDefaults, unclaimed, now), true,
            null);
    }

    private Contact Create(IStoreSession s, Guid workspaceId, ContactChangeSet changes, ContactChangeSet? defaults,
        Identities unclaimed, DateTimeOffset now)
    {
        var timezone = s.Workspaces.Get(workspaceId)?.Timezone ?? TimeZones.Utc;
        var blank = new Contact(Ids.New(time), workspaceId, null, null, null, null, null, timezone,
            SubscriptionStatus.NonSubscribed, SubscriptionStatus.NonSubscribed, null, [], now, now);
        return Apply(s, blank, changes, defaults, isNew: true, now, unclaimed);
    }

    /// <summary>
    /// Applies checked changes to <paramref name="current"/> (a blank contact when <paramref name="isNew"/>), checks
    /// custom field values and identity uniqueness, and writes the result when it differs.
    /// </summary>
    private static Contact Apply(IStoreSession s, Contact current, ContactChangeSet changes,
        ContactChangeSet? defaults, bool isNew, DateTimeOffset now, Identities? unclaimed = null)
    {
        var workspaceId = current.WorkspaceId;
        var fields = current.Fields;
        if (defaults?.Fields is { Count: > 0 } || changes.Fields is { Count: > 0 })
        {
            var errors = new ValidationErrors();
            var definitions = s.CustomFields.GetAll(workspaceId);
            if (defaults?.Fields is { Count: > 0 } defaultFields)
            {
                fields = CustomFieldValues.Apply(fields, defaultFields, definitions, errors);
            }

            if (changes.Fields is { Count: > 0 } changedFields)
            {
                fields = CustomFieldValues.Apply(fields, changedFields, definitions, errors);
            }

            errors.ThrowIfAny();
        }

        var email = Pick(changes.Email, defaults?.Email, current.Email);
        var phone = Pick(changes.Phone, defaults?.Phone, current.Phone);
        var emailStatusSet = changes.EmailSubscriptionStatus.IsSet || defaults?.EmailSubscriptionStatus.IsSet == true;
        var smsStatusSet = changes.SmsSubscriptionStatus.IsSet || defaults?.SmsSubscriptionStatus.IsSet == true;
        var emailStatus = Pick(changes.EmailSubscriptionStatus, defaults?.EmailSubscriptionStatus,
            current.EmailSubscriptionStatus);
        var smsStatus = Pick(changes.SmsSubscriptionStatus, defaults?.SmsSubscriptionStatus,
            current.SmsSubscriptionStatus);

        // An erased contact's address is on the suppression list: a contact created again with it starts
        // unsubscribed on that channel, unless the caller states the status (a fresh, explicit opt-in).
        if (isNew && !emailStatusSet && email is not null
            && (email == unclaimed?.Email && unclaimed.EmailSuppressed is { } emailSuppressed
                ? emailSuppressed
                : s.Suppressions.Contains(workspaceId, Suppressions.EmailChannel, Suppressions.Hash(email))))
        {
            emailStatus = SubscriptionStatus.Unsubscribed;
        }

        if (isNew && !smsStatusSet && phone is not null
            && (phone == unclaimed?.Phone && unclaimed.PhoneSuppressed is { } phoneSuppressed
                ? phoneSuppressed
                : s.Suppressions.Contains(workspaceId, Suppressions.SmsChannel, Suppressions.Hash(phone))))
        {
            smsStatus = SubscriptionStatus.Unsubscribed;
        }

        var optedInAtSet = changes.OptedInAt.IsSet || defaults?.OptedInAt.IsSet == true;
        var optedInAt = Pick(changes.OptedInAt, defaults?.OptedInAt, current.OptedInAt);
        var newlySubscribed =
            (emailStatus == SubscriptionStatus.Subscribed
             && (isNew || current.EmailSubscriptionStatus != SubscriptionStatus.Subscribed))
            || (smsStatus == SubscriptionStatus.Subscribed
                && (isNew || current.SmsSubscriptionStatus != SubscriptionStatus.Subscribed));
        if (newlySubscribed && !optedInAtSet)
        {
            optedInAt = now;
        }

        var updated = current with
        {
            Email = email,
            Phone = phone,
            ExternalId = Pick(changes.ExternalId, defaults?.ExternalId, current.ExternalId),
            FirstName = Pick(changes.FirstName, defaults?.FirstName, current.FirstName),
            LastName = Pick(changes.LastName, defaults?.LastName, current.LastName),
            Timezone = Pick(changes.Timezone, defaults?.Timezone, current.Timezone),
            EmailSubscriptionStatus = emailStatus,
            SmsSubscriptionStatus = smsStatus,
            OptedInAt = optedInAt,
            Fields = fields,
        };

        EnsureIdentitiesFree(s, updated, isNew ? null : current, unclaimed);
        if (isNew)
        {
            s.Contacts.Insert(updated);
            TriggerEventLog.ContactCreated(s, updated, now);
            return updated;
        }

        if (SameData(current, updated))
        {
            return current;
        }

        return SaveChanged(s, current, updated, now);
    }

    /// <summary>
    /// Writes a contact that changed from <paramref name="current"/>, inside the caller's write, with what every
    /// change of a contact brings: the <c>contact_updated</c> trigger event and the effects on memberships (lists,
    /// waits). The one path for an API edit and a flow's update_contact step alike.
    /// </summary>
    internal static Contact SaveChanged(IStoreSession s, Contact current, Contact updated, DateTimeOffset now)
    {
        updated = updated with { UpdatedAt = now };
        s.Contacts.Update(updated);
        TriggerEventLog.ContactUpdated(s, current, updated, now);
        ContactEffects.AfterChange(s, current, updated, now);
        return updated;
    }

    /// <summary>
    /// An email, phone or external_id belongs to one contact per workspace; values in <paramref name="unclaimed"/>
    /// were already looked up in this write and found free.
    /// </summary>
    private static void EnsureIdentitiesFree(IStoreSession s, Contact updated, Contact? current,
        Identities? unclaimed)
    {
        var workspaceId = updated.WorkspaceId;
        Check("external_id", updated.ExternalId, current?.ExternalId, unclaimed?.ExternalId,
            v => s.Contacts.FindByExternalId(workspaceId, v));
        Check("email", updated.Email, current?.Email, unclaimed?.Email, v => s.Contacts.FindByEmail(workspaceId, v));
        Check("phone", updated.Phone, current?.Phone, unclaimed?.Phone, v => s.Contacts.FindByPhone(workspaceId, v));

        void Check(string name, string? value, string? before, string? free, Func<string, Contact?> find)
        {
            if (value is not null && value != before && value != free && find(value) is { } other
                && other.Id != updated.Id)
            {
                throw new RunnelException(ErrorCodes.ContactIdentityConflict,
                    $"Another contact already has this {name}.",
                    extensions: new Dictionary<string, object?> { ["field"] = name });
            }
        }
    }

    private static bool SameData(Contact a, Contact b) =>
        a.Email == b.Email && a.Phone == b.Phone && a.ExternalId == b.ExternalId && a.FirstName == b.FirstName
        && a.LastName == b.LastName && a.Timezone == b.Timezone
        && a.EmailSubscriptionStatus == b.EmailSubscriptionStatus
        && a.SmsSubscriptionStatus == b.SmsSubscriptionStatus && a.OptedInAt == b.OptedInAt
        && JsonNode.DeepEquals(a.Fields, b.Fields);

    private static T Pick<T>(Optional<T> change, Optional<T>? createDefault, T current) =>
        change.IsSet ? change.Value : createDefault is { IsSet: true } d ? d.Value : current;

    private static RunnelException ContactNotFound() => RunnelException.NotFound(ErrorCodes.ContactNotFound);

    /// <summary>
    /// Identity values (null where none) that were looked up in this write and found on no contact of the workspace
    /// — nothing can have claimed them since — and, where known, whether the email and phone are suppressed.
    /// </summary>
    private sealed record Identities(string? ExternalId, string? Email, string? Phone, bool? EmailSuppressed = null,
        bool? PhoneSuppressed = null);
}
