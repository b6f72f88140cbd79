namespace Runnel.Core.Workspaces;

/// <summary>API key scopes (API.md §2). <c>*</c> grants every scope but <see cref="WorkspacesAdmin"/>.</summary>
public static class Scopes
{
    public const string FlowTrigger = "FLOW_TRIGGER";
    public const string FlowsRead = "FLOWS_READ";
    public const string FlowsWrite = "FLOWS_WRITE";
    public const string ContactsRead = "CONTACTS_READ";
    public const string ContactsWrite = "CONTACTS_WRITE";
    public const string ListsRead = "LISTS_READ";
    public const string ListsWrite = "LISTS_WRITE";
    public const string EmailsRead = "EMAILS_READ";
    public const string EmailsWrite = "EMAILS_WRITE";
    public const string EventsWrite = "EVENTS_WRITE";
    public const string FormsWrite = "FORMS_WRITE";
    public const string KeysAdmin = "KEYS_ADMIN";
    public const string All = "*";
    public const string WorkspacesAdmin = "WORKSPACES_ADMIN";

    public static IReadOnlySet<string> Known { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        FlowTrigger, FlowsRead, FlowsWrite, ContactsRead, ContactsWrite, ListsRead, ListsWrite, EmailsRead,
        EmailsWrite, EventsWrite, FormsWrite, KeysAdmin, All, WorkspacesAdmin,
    };

    public static IReadOnlySet<string> PublicAllowed { get; } =
        new HashSet<string>(StringComparer.Ordinal) { FlowTrigger, EventsWrite };

    public static bool Grants(IReadOnlyList<string> held, string required)
    {
        foreach (var scope in held)
        {
            if (scope == required || (scope == All && required != WorkspacesAdmin))
            {
                return true;
            }
        }

        return false;
    }
}
