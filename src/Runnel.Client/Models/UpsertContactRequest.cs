namespace Runnel.Client;

/// <summary>The body of an upsert: identity (first match wins: <see cref="ContactId"/>, external id, email, phone) and the changes.</summary>
public sealed class UpsertContactRequest : UpdateContactRequest
{
    /// <summary>An existing contact's id.</summary>
    public string? ContactId { get; set; }
}
