namespace Runnel.Client;

/// <summary>Contacts (API.md §3), their flow memberships and their events.</summary>
public sealed class ContactsResource
{
    private static readonly RunnelJsonContext Json = RunnelJsonContext.Default;
    private readonly RunnelTransport _transport;

    internal ContactsResource(RunnelTransport transport) => _transport = transport;

    /// <summary>
    /// Creates or updates a contact, matched by contact id, then external id, email, phone (first match wins); only the
    /// members that are set change.
    /// </summary>
    public Task<UpsertContactResult> UpsertAsync(UpsertContactRequest request,
        CancellationToken cancellationToken = default) =>
        UpsertAsync(request, null, cancellationToken);

    /// <summary>Creates or updates a contact, with per-call options.</summary>
    public Task<UpsertContactResult> UpsertAsync(UpsertContactRequest request, RequestOptions? requestOptions,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.ContactsUpsert, RunnelRoutes.ContactsUpsert.Path(),
            FlowsResource.Required(request), Json.UpsertContactResult, requestOptions, cancellationToken);

    /// <summary>A contact by id; 404 <c>contact_not_found</c> if there is none.</summary>
    public Task<Contact> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.ContactsGet, RunnelRoutes.ContactsGet.Path(id), null, Json.Contact, null,
            cancellationToken);

    /// <summary>One page of contacts, filtered by <paramref name="request"/>.</summary>
    public Task<RunnelPage<Contact>> ListAsync(ListContactsRequest? request = null,
        CancellationToken cancellationToken = default) =>
        _transport.ListAsync(RunnelRoutes.ContactsList, RunnelRoutes.ContactsList.Path(),
            (request ?? new ListContactsRequest()).ToQuery(), Json.ListContact, cancellationToken);

    /// <summary>Every contact that matches <paramref name="request"/>, page after page.</summary>
    public IAsyncEnumerable<Contact> ListAllAsync(ListContactsRequest? request = null,
        CancellationToken cancellationToken = default) =>
        _transport.ListAllAsync(RunnelRoutes.ContactsList, RunnelRoutes.ContactsList.Path(), request,
            Json.ListContact, cancellationToken);

    /// <summary>Changes the members of <paramref name="request"/> that are set.</summary>
    public Task<Contact> UpdateAsync(string id, UpdateContactRequest request,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.ContactsUpdate, RunnelRoutes.ContactsUpdate.Path(id),
            FlowsResource.Required(request), Json.Contact, null, cancellationToken);

    /// <summary>Erases a contact: personal data removed, running memberships dropped, the address suppressed.</summary>
    public Task DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.ContactsDelete, RunnelRoutes.ContactsDelete.Path(id), null, null,
            cancellationToken);

    /// <summary>One page of the contact's flow memberships, newest first.</summary>
    public Task<RunnelPage<FlowMember>> MembershipsAsync(string id, ListRequest? request = null,
        CancellationToken cancellationToken = default) =>
        _transport.ListAsync(RunnelRoutes.ContactsMemberships, RunnelRoutes.ContactsMemberships.Path(id),
            (request ?? new ListRequest()).ToQuery(), Json.ListFlowMember, cancellationToken);

    /// <summary>One page of the contact's events, newest first.</summary>
    public Task<RunnelPage<ContactEvent>> EventsAsync(string id, ListRequest? request = null,
        CancellationToken cancellationToken = default) =>
        _transport.ListAsync(RunnelRoutes.ContactsEvents, RunnelRoutes.ContactsEvents.Path(id),
            (request ?? new ListRequest()).ToQuery(), Json.ListContactEvent, cancellationToken);
}
