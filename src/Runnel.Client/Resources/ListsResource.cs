namespace Runnel.Client;

/// <summary>Static and dynamic lists of contacts (API.md §4).</summary>
public sealed class ListsResource
{
    private static readonly RunnelJsonContext Json = RunnelJsonContext.Default;
    private readonly RunnelTransport _transport;

    internal ListsResource(RunnelTransport transport) => _transport = transport;

    /// <summary>Creates a list.</summary>
    public Task<ContactList> CreateAsync(CreateListRequest request, CancellationToken cancellationToken = default) =>
        CreateAsync(request, null, cancellationToken);

    /// <summary>Creates a list, with per-call options.</summary>
    public Task<ContactList> CreateAsync(CreateListRequest request, RequestOptions? requestOptions,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.ListsCreate, RunnelRoutes.ListsCreate.Path(),
            FlowsResource.Required(request), Json.ContactList, requestOptions, cancellationToken);

    /// <summary>One page of lists, with their member counts.</summary>
    public Task<RunnelPage<ContactList>> ListAsync(ListRequest? request = null,
        CancellationToken cancellationToken = default) =>
        _transport.ListAsync(RunnelRoutes.ListsList, RunnelRoutes.ListsList.Path(),
            (request ?? new ListRequest()).ToQuery(), Json.ListContactList, cancellationToken);

    /// <summary>Every list, page after page.</summary>
    public IAsyncEnumerable<ContactList> ListAllAsync(ListRequest? request = null,
        CancellationToken cancellationToken = default) =>
        _transport.ListAllAsync(RunnelRoutes.ListsList, RunnelRoutes.ListsList.Path(), request, Json.ListContactList,
            cancellationToken);

    /// <summary>A list by id.</summary>
    public Task<ContactList> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.ListsGet, RunnelRoutes.ListsGet.Path(id), null, Json.ContactList, null,
            cancellationToken);

    /// <summary>Renames a list or changes a dynamic list's rules.</summary>
    public Task<ContactList> UpdateAsync(string id, UpdateListRequest request,
        CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.ListsUpdate, RunnelRoutes.ListsUpdate.Path(id),
            FlowsResource.Required(request), Json.ContactList, null, cancellationToken);

    /// <summary>Deletes a list; 409 <c>list_in_use</c> while an active flow uses it.</summary>
    public Task DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.ListsDelete, RunnelRoutes.ListsDelete.Path(id), null, null,
            cancellationToken);

    /// <summary>Adds up to 1,000 contacts to a static list (409 <c>list_not_static</c> for a dynamic one).</summary>
    public Task<AddContactsResult> AddContactsAsync(string id, IEnumerable<string> contactIds,
        CancellationToken cancellationToken = default) =>
        AddContactsAsync(id, contactIds, null, cancellationToken);

    /// <summary>Adds contacts to a static list, with per-call options.</summary>
    public Task<AddContactsResult> AddContactsAsync(string id, IEnumerable<string> contactIds,
        RequestOptions? requestOptions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contactIds);
        return _transport.SendAsync(RunnelRoutes.ListsAddContacts, RunnelRoutes.ListsAddContacts.Path(id),
            new AddContactsBody { ContactIds = [.. contactIds] }, Json.AddContactsResult, requestOptions,
            cancellationToken);
    }

    /// <summary>Removes a contact from a static list; 404 if it is not a member.</summary>
    public Task RemoveContactAsync(string id, string contactId, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(RunnelRoutes.ListsRemoveContact, RunnelRoutes.ListsRemoveContact.Path(id, contactId),
            null, null, cancellationToken);

    /// <summary>One page of the list's contacts.</summary>
    public Task<RunnelPage<Contact>> ContactsAsync(string id, ListRequest? request = null,
        CancellationToken cancellationToken = default) =>
        _transport.ListAsync(RunnelRoutes.ListsContacts, RunnelRoutes.ListsContacts.Path(id),
            (request ?? new ListRequest()).ToQuery(), Json.ListContact, cancellationToken);
}
