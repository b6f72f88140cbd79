namespace Runnel.Client;

/// <summary>Filters of <see cref="ContactsResource.ListAsync(ListContactsRequest?, CancellationToken)"/>.</summary>
public sealed class ListContactsRequest : ListRequest
{
    /// <summary>Only the contact with this email address.</summary>
    public string? Email { get; set; }

    /// <summary>Only the contact with this phone number.</summary>
    public string? Phone { get; set; }

    /// <summary>Only the contact with this external id.</summary>
    public string? ExternalId { get; set; }

    /// <summary>Text to find in the contact's name, email or phone.</summary>
    public string? Search { get; set; }

    internal override void AddFilters(QueryString query)
    {
        query.Add("email", Email);
        query.Add("phone", Phone);
        query.Add("external_id", ExternalId);
        query.Add("search", Search);
    }
}
