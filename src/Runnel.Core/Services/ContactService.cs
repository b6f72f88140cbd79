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
        return store.WriteAsync(s => UpsertAsync(s, workspaceId, plan, now), ct);
    }

    /// <summary>
    /// Upserts inside the caller's transaction: the first of contact_id, external_id, email, phone that matches
    /// names the contact and the rest of <paramref name="input"/> is applied to it; no match creates one. Throws
    /// <see cref="RunnelException"/> (validation_failed, contact_not_found, contact_identity_conflict).
    /// </summary>
    public Task<UpsertResult> UpsertInSessionAsync(IStoreSession session, Guid workspaceId, ContactUpsert input,
        DateTimeOffset now) => UpsertAsync(session, workspaceId, Prepare(input), now);

    public async Task<Contact> GetAsync(Guid workspaceId, Guid id, CancellationToken ct) =>
        await store.ReadAsync(s => s.Contacts.GetAsync(workspaceId, id), ct) ?? throw ContactNotFound();

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
        return store.ReadAsync(s => s.Contacts.ListAsync(workspaceId, normalized, page), ct);
    }

    public Task<Contact> UpdateAsync(Guid workspaceId, Guid id, ContactChanges changes, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var normalized = ContactInput.Normalize(changes, errors);
        errors.ThrowIfAny();
        var now = time.GetUtcNow();
        return store.WriteAsync(async s =>
        {
            var current = await s.Contacts.GetAsync(workspaceId, id) ?? throw ContactNotFound();
            return await ApplyAsync(s, current, normalized, null, isNew: false, now);
        }, ct);
    }

    public Task EraseAsync(Guid workspaceId, Guid id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return store.WriteAsync(async s =>
        {
            await EraseInSessionAsync(s, workspaceId, id, now);
            return true;
        }, ct);
    }

    /// <summary>
    /// Erases a contact inside the caller's transaction: the row, its list memberships and events go, its running
    /// flow memberships are dropped (<c>contact_deleted</c>) and every membership loses its context, timeline details
    /// outbox copies and pages made for it; its email and phone stay only as hashes on the suppression list.
    /// </summary>
    public static async Task EraseInSessionAsync(IStoreSession session, Guid workspaceId, Guid id, DateTimeOffset now)
    {
        var contact = await session.Contacts.GetAsync(workspaceId, id) ?? throw ContactNotFound();
        if (contact.Email is not null)
        {
            await session.Suppressions.AddAsync(workspaceId, Suppressions.EmailChannel,
                Suppressions.Hash(contact.Email), Suppressions.ContactErased, now);
        }

        if (contact.Phone is not null)
        {
            await session.Suppressions.AddAsync(workspaceId, Suppressions.SmsChannel, Suppressions.Hash(contact.Phone),
                Suppressions.ContactErased, now);
        }

        foreach (var member in await session.Members.ListRunningForContactAsync(workspaceId, id))
        {
            await MemberLifecycle.DropAsync(session, member, ExitReasons.ContactDeleted, now);
        }

        await session.Members.ScrubPersonalDataAsync(workspaceId, id);
        await session.SmsInbound.DeleteForContactAsync(workspaceId, id);
        // A member's page was rendered with the contact's data: it goes with the contact.
        await session.Pages.DeleteForContactAsync(workspaceId, id);
        await session.Contacts.DeleteAsync(workspaceId, id);
    }

    internal static ContactPlan Prepare(ContactUpsert input)
    {
        var errors = new ValidationErrors();
        var plan = ContactInput.Plan(input, errors);
        errors.ThrowIfAny();
        return plan;
    }

    /// <summary>The contact the plan's identities name, by precedence; null when none matches.</summary>
    internal static async Task<Contact?> FindAsync(IStoreSession s, Guid workspaceId, ContactPlan plan) =>
        (await FindOrUnclaimedAsync(s, workspaceId, plan)).Contact;

    /// <summary>
    /// <see cref="FindAsync(IStoreSession, Guid, ContactPlan)"/>; when nothing matches, <c>Unclaimed</c> holds
    /// the identities looked up and found on nobody, with whether their addresses are suppressed (asked in the same
    /// queries), so creating the contact need not ask again.
    /// </summary>
    private static async Task<(Contact? Contact, Identities Unclaimed)> FindOrUnclaimedAsync(IStoreSession s,
        Guid workspaceId, ContactPlan plan)
    {
        var changes = plan.Changes;
        var unclaimed = new Identities(changes.ExternalId.Value, changes.Email.Value, changes.Phone.Value);
        if (plan.HasContactId)
        {
            // A contact_id is an exact reference: when it names nothing, falling through to email would quietly
            // write to a different contact than the caller meant.
            return ((plan.ContactId is { } id ? await s.Contacts.GetAsync(workspaceId, id) : null)
                ?? throw ContactNotFound(), unclaimed);
        }

        if (changes.ExternalId.Value is { } externalId
            && await s.Contacts.FindByExternalIdAsync(workspaceId, externalId) is { } byId)
        {
            return (byId, unclaimed);
        }

        var byEmail = await LookUpAsync(s, workspaceId, Suppressions.EmailChannel, changes.Email.Value);
        if (byEmail?.Contact is { } emailOwner)
        {
            return (emailOwner, unclaimed);
        }

        var byPhone = await LookUpAsync(s, workspaceId, Suppressions.SmsChannel, changes.Phone.Value);
        if (byPhone?.Contact is { } phoneOwner)
        {
            return (phoneOwner, unclaimed);
        }

        return (null, unclaimed with { EmailSuppressed = byEmail?.Suppressed, PhoneSuppressed = byPhone?.Suppressed });

        static async Task<ContactLookup?> LookUpAsync(IStoreSession s, Guid workspaceId, string channel,
            string? address) =>
            address is null ? null : await s.Contacts.LookUpAddressAsync(workspaceId, channel, address,
                Suppressions.Hash(address));
    }

    /// <summary>
    /// Finds the plan's contact, or creates one holding only its identities; other members are ignored.
    /// </summary>
    internal async Task<UpsertResult> FindOrCreateAsync(IStoreSession s, Guid workspaceId, ContactPlan plan,
        DateTimeOffset now)
    {
        var (found, unclaimed) = await FindOrUnclaimedAsync(s, workspaceId, plan);
        if (found is not null)
        {
            return new UpsertResult(found, false, found);
        }

        var changes = plan.Changes;
        var identityOnly = new ContactChangeSet(changes.Email, changes.Phone, changes.ExternalId, default, default,
            default, default, default, default, null);
        return new UpsertResult(await CreateAsync(s, workspaceId, identityOnly, plan.CreateDefaults, unclaimed, now),
            true, null);
    }

    private async Task<UpsertResult> UpsertAsync(IStoreSession s, Guid workspaceId, ContactPlan plan,
        DateTimeOffset now)
    {
        var (current, unclaimed) = await FindOrUnclaimedAsync(s, workspaceId, plan);
        if (current is not null)
        {
            return new UpsertResult(await ApplyAsync(s, current, plan.Changes, null, isNew: false, now), false,
                current);
        }

        return new UpsertResult(await CreateAsync(s, workspaceId, plan.Changes, plan.CreateDefaults, unclaimed, now),
            true, null);
    }

    private async Task<Contact> CreateAsync(IStoreSession s, Guid workspaceId, ContactChangeSet changes,
        ContactChangeSet? defaults, Identities unclaimed, DateTimeOffset now)
    {
        var timezone = (await s.Workspaces.GetAsync(workspaceId))?.Timezone ?? TimeZones.Utc;
        var blank = new Contact(Ids.New(time), workspaceId, null, null, null, null, null, timezone,
            SubscriptionStatus.NonSubscribed, SubscriptionStatus.NonSubscribed, null, [], now, now);
        return await ApplyAsync(s, blank, changes, defaults, isNew: true, now, unclaimed);
    }

    /// <summary>
    /// Applies checked changes to <paramref name="current"/> (a blank contact when <paramref name="isNew"/>), checks
    /// custom field values and identity uniqueness, and writes the result when it differs.
    /// </summary>
    private static async Task<Contact> ApplyAsync(IStoreSession s, Contact current, ContactChangeSet changes,
        ContactChangeSet? defaults, bool isNew, DateTimeOffset now, Identities? unclaimed = null)
    {
        var workspaceId = current.WorkspaceId;
        var fields = current.Fields;
        if (defaults?.Fields is { Count: > 0 } || changes.Fields is { Count: > 0 })
        {
            var errors = new ValidationErrors();
            var definitions = await s.CustomFields.GetAllAsync(workspaceId);
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
                : await s.Suppressions.ContainsAsync(workspaceId, Suppressions.EmailChannel, Suppressions.Hash(email))))
        {
            emailStatus = SubscriptionStatus.Unsubscribed;
        }

        if (isNew && !smsStatusSet && phone is not null
            && (phone == unclaimed?.Phone && unclaimed.PhoneSuppressed is { } phoneSuppressed
                ? phoneSuppressed
                : await s.Suppressions.ContainsAsync(workspaceId, Suppressions.SmsChannel, Suppressions.Hash(phone))))
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

        await EnsureIdentitiesFreeAsync(s, updated, isNew ? null : current, unclaimed);
        if (isNew)
        {
            await s.Contacts.InsertAsync(updated);
            await TriggerEventLog.ContactCreatedAsync(s, updated, now);
            return updated;
        }

        if (SameData(current, updated))
        {
            return current;
        }

        return await SaveChangedAsync(s, current, updated, now);
    }

    /// <summary>
    /// Writes a contact that changed from <paramref name="current"/>, inside the caller's write, with what every
    /// change of a contact brings: the <c>contact_updated</c> trigger event and the effects on memberships (lists,
    /// waits). The one path for an API edit and a flow's update_contact step alike.
    /// </summary>
    internal static async Task<Contact> SaveChangedAsync(IStoreSession s, Contact current, Contact updated,
        DateTimeOffset now)
    {
        updated = updated with { UpdatedAt = now };
        await s.Contacts.UpdateAsync(updated);
        await TriggerEventLog.ContactUpdatedAsync(s, current, updated, now);
        await ContactEffects.AfterChangeAsync(s, current, updated, now);
        return updated;
    }

    /// <summary>
    /// An email, phone or external_id belongs to one contact per workspace; values in <paramref name="unclaimed"/>
    /// were already looked up in this write and found free.
    /// </summary>
    private static async Task EnsureIdentitiesFreeAsync(IStoreSession s, Contact updated, Contact? current,
        Identities? unclaimed)
    {
        var workspaceId = updated.WorkspaceId;
        await CheckAsync("external_id", updated.ExternalId, current?.ExternalId, unclaimed?.ExternalId,
            v => s.Contacts.FindByExternalIdAsync(workspaceId, v));
        await CheckAsync("email", updated.Email, current?.Email, unclaimed?.Email,
            v => s.Contacts.FindByEmailAsync(workspaceId, v));
        await CheckAsync("phone", updated.Phone, current?.Phone, unclaimed?.Phone,
            v => s.Contacts.FindByPhoneAsync(workspaceId, v));

        async Task CheckAsync(string name, string? value, string? before, string? free, Func<string,
            Task<Contact?>> find)
        {
            if (value is not null && value != before && value != free && await find(value) is { } other
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
