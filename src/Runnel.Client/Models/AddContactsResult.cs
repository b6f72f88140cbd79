namespace Runnel.Client;

/// <summary>The answer to adding contacts to a static list.</summary>
public sealed class AddContactsResult
{
    /// <summary>Contacts added.</summary>
    public int Added { get; set; }

    /// <summary>Contacts that were already members.</summary>
    public int AlreadyPresent { get; set; }
}
