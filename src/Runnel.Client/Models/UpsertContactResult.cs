namespace Runnel.Client;

/// <summary>The answer to an upsert.</summary>
public sealed class UpsertContactResult
{
    /// <summary>The contact's id.</summary>
    public string ContactId { get; set; } = "";

    /// <summary>Whether the upsert created the contact.</summary>
    public bool Created { get; set; }

    /// <summary>The contact as it is now.</summary>
    public Contact Contact { get; set; } = new();
}
