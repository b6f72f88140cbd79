namespace Runnel.Client;

/// <summary>Values of <see cref="CustomField.Status"/>.</summary>
public static class CustomFieldStatuses
{
    /// <summary><c>active</c>: writable.</summary>
    public const string Active = "active";

    /// <summary><c>archived</c>: no longer writable.</summary>
    public const string Archived = "archived";
}
