using System.Text.Json.Nodes;
using Runnel.Core.Errors;
using Runnel.Core.Json;
using Runnel.Core.Time;

namespace Runnel.Core.Contacts;

/// <summary>Format checks and normalisation of contact input, before anything is looked up.</summary>
internal static class ContactInput
{
    public const int MaxNameLength = 200;
    public const int MaxExternalIdLength = 255;

    public static ContactPlan Plan(ContactUpsert input, ValidationErrors errors)
    {
        var changes = Normalize(input, errors);
        var defaults = input.CreateDefaults is null ? null : Normalize(input.CreateDefaults, errors);
        var hasIdentity = input.ContactId is not null
            || input.ExternalId.Value is not null || input.Email.Value is not null || input.Phone.Value is not null;
        if (!hasIdentity)
        {
            errors.Add("", "at least one of contact_id, external_id, email or phone is required");
        }

        Guid? contactId = null;
        if (input.ContactId is not null && Ids.TryParse(input.ContactId, out var parsed))
        {
            contactId = parsed;
        }

        return new ContactPlan(input.ContactId is not null, contactId, changes, defaults);
    }

    public static ContactChangeSet Normalize(ContactChanges input, ValidationErrors errors)
    {
        var email = input.Email;
        if (email is { IsSet: true, Value: { } rawEmail })
        {
            if (EmailAddress.IsValid(rawEmail))
            {
                email = new Optional<string?>(EmailAddress.Normalize(rawEmail));
            }
            else
            {
                errors.Add("email", "must be an email address, e.g. ada@example.com");
            }
        }

        var phone = input.Phone;
        if (phone is { IsSet: true, Value: { } rawPhone })
        {
            if (PhoneNumber.TryNormalize(rawPhone, out var e164))
            {
                phone = new Optional<string?>(e164);
            }
            else
            {
                errors.Add("phone", "must be a valid phone number in international format with a leading + and the "
                    + "country code, e.g. +14155550123");
            }
        }

        if (input.ExternalId is { IsSet: true, Value: { } externalId }
            && (string.IsNullOrWhiteSpace(externalId) || externalId.Length > MaxExternalIdLength))
        {
            errors.Add("external_id", $"must be 1 to {MaxExternalIdLength} characters, not only spaces");
        }

        CheckName(input.FirstName, "first_name", errors);
        CheckName(input.LastName, "last_name", errors);

        var timezone = default(Optional<string>);
        if (input.Timezone.IsSet)
        {
            if (input.Timezone.Value is { } zone && TimeZones.IsValid(zone))
            {
                timezone = new Optional<string>(zone);
            }
            else
            {
                errors.Add("timezone", "must be an IANA time zone name, e.g. Europe/London");
            }
        }

        var emailStatus = Status(input.EmailSubscriptionStatus, "email_subscription_status", errors);
        var smsStatus = Status(input.SmsSubscriptionStatus, "sms_subscription_status", errors);

        JsonObject? fields = null;
        if (input.Fields.IsSet)
        {
            fields = input.Fields.Value;
            if (fields is null)
            {
                errors.Add("fields", "must be an object; to remove one value, set that field to null");
            }
        }

        return new ContactChangeSet(email, phone, input.ExternalId, input.FirstName, input.LastName, timezone,
            emailStatus, smsStatus, input.OptedInAt, fields);
    }

    private static void CheckName(Optional<string?> value, string path, ValidationErrors errors)
    {
        if (value is { IsSet: true, Value: { } name } && name.Length > MaxNameLength)
        {
            errors.Add(path, $"must be at most {MaxNameLength} characters");
        }
    }

    private static Optional<SubscriptionStatus> Status(Optional<string?> value, string path, ValidationErrors errors)
    {
        if (!value.IsSet)
        {
            return default;
        }

        if (SubscriptionStatuses.TryParse(value.Value, out var status))
        {
            return new Optional<SubscriptionStatus>(status);
        }

        errors.Add(path, "must be \"subscribed\", \"unsubscribed\" or \"non_subscribed\"");
        return default;
    }
}
