namespace Runnel.Client;

/// <summary>Scopes of API keys.</summary>
public static class ApiScopes
{
    /// <summary><c>FLOW_TRIGGER</c>: trigger flows.</summary>
    public const string FlowTrigger = "FLOW_TRIGGER";

    /// <summary><c>FLOWS_READ</c>: read flows and members.</summary>
    public const string FlowsRead = "FLOWS_READ";

    /// <summary><c>FLOWS_WRITE</c>: change flows, enroll and remove members.</summary>
    public const string FlowsWrite = "FLOWS_WRITE";

    /// <summary><c>CONTACTS_READ</c>: read contacts.</summary>
    public const string ContactsRead = "CONTACTS_READ";

    /// <summary><c>CONTACTS_WRITE</c>: change contacts.</summary>
    public const string ContactsWrite = "CONTACTS_WRITE";

    /// <summary><c>LISTS_READ</c>: read lists.</summary>
    public const string ListsRead = "LISTS_READ";

    /// <summary><c>LISTS_WRITE</c>: change lists.</summary>
    public const string ListsWrite = "LISTS_WRITE";

    /// <summary><c>EMAILS_READ</c>: read emails.</summary>
    public const string EmailsRead = "EMAILS_READ";

    /// <summary><c>EMAILS_WRITE</c>: change emails.</summary>
    public const string EmailsWrite = "EMAILS_WRITE";

    /// <summary><c>EVENTS_WRITE</c>: track events.</summary>
    public const string EventsWrite = "EVENTS_WRITE";

    /// <summary><c>FORMS_WRITE</c>: manage forms.</summary>
    public const string FormsWrite = "FORMS_WRITE";

    /// <summary><c>KEYS_ADMIN</c>: manage keys, settings and secrets.</summary>
    public const string KeysAdmin = "KEYS_ADMIN";

    /// <summary><c>*</c>: every scope above.</summary>
    public const string All = "*";
}
