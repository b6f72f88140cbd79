namespace Runnel.Core.Contacts;

/// <summary>
/// The JSON names of a contact's built-in fields. Field references (rules, triggers, update_contact) name these or a
/// custom field's api_name, so no custom field may take one of them.
/// </summary>
public static class StandardContactFields
{
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "contact_id", "workspace_id", "email", "phone", "external_id", "first_name", "last_name", "timezone",
        "email_subscription_status", "sms_subscription_status", "opted_in_at", "fields", "created_at", "updated_at",
    };

    public static bool IsStandard(string name) => Names.Contains(name);
}
