namespace Runnel.Client;

/// <summary>
/// The Runnel API for a server holding a secret key. Thread-safe; make one and share it (or resolve it from
/// <c>services.AddRunnelClient(…)</c>).
/// </summary>
/// <example>
/// <code>
/// var runnel = new RunnelClient(new RunnelClientOptions { ApiKey = key, BaseUrl = new Uri("http://127.0.0.1:5080") });
/// var upsert = await runnel.Contacts.UpsertAsync(new UpsertContactRequest { Email = "ada@example.com" });
/// await runnel.Flows.TriggerAsync(new TriggerRequest { FlowId = flowId, ContactId = upsert.ContactId });
/// </code>
/// </example>
public sealed class RunnelClient : IDisposable
{
    private readonly HttpClient? _ownedHttp;

    /// <summary>A client with its own connection pool, disposed with it.</summary>
    public RunnelClient(RunnelClientOptions options)
        : this(CreateHttpClient(), options, owned: true)
    {
    }

    /// <summary>
    /// A client over <paramref name="httpClient"/> (e.g. one from <see cref="IHttpClientFactory"/>), which the caller
    /// keeps and disposes. Its own <see cref="HttpClient.Timeout"/> should be at least
    /// <see cref="RunnelClientOptions.Timeout"/>; the SDK times each attempt itself.
    /// </summary>
    public RunnelClient(HttpClient httpClient, RunnelClientOptions options)
        : this(httpClient, options, owned: false)
    {
    }

    private RunnelClient(HttpClient httpClient, RunnelClientOptions options, bool owned)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _ownedHttp = owned ? httpClient : null;
        var transport = new RunnelTransport(httpClient, options, TimeProvider.System);
        Flows = new FlowsResource(transport);
        Contacts = new ContactsResource(transport);
        CustomFields = new CustomFieldsResource(transport);
        Lists = new ListsResource(transport);
        Emails = new EmailsResource(transport);
        Forms = new FormsResource(transport);
        Pages = new PagesResource(transport);
        ApiKeys = new ApiKeysResource(transport);
        Settings = new SettingsResource(transport);
        Secrets = new SecretsResource(transport);
        Events = new EventsResource(transport);
    }

    /// <summary>Flows, their steps and members, triggering and enrollment.</summary>
    public FlowsResource Flows { get; }

    /// <summary>Contacts, their memberships and events.</summary>
    public ContactsResource Contacts { get; }

    /// <summary>Custom contact fields.</summary>
    public CustomFieldsResource CustomFields { get; }

    /// <summary>Static and dynamic lists.</summary>
    public ListsResource Lists { get; }

    /// <summary>Emails.</summary>
    public EmailsResource Emails { get; }

    /// <summary>Forms.</summary>
    public FormsResource Forms { get; }

    /// <summary>Hosted pages.</summary>
    public PagesResource Pages { get; }

    /// <summary>API keys.</summary>
    public ApiKeysResource ApiKeys { get; }

    /// <summary>Workspace settings.</summary>
    public SettingsResource Settings { get; }

    /// <summary>Workspace secrets and the webhook signing secret.</summary>
    public SecretsResource Secrets { get; }

    /// <summary>Custom events.</summary>
    public EventsResource Events { get; }

    /// <summary>Releases the connection pool of a client made with <see cref="RunnelClient(RunnelClientOptions)"/>.</summary>
    public void Dispose() => _ownedHttp?.Dispose();

    private static HttpClient CreateHttpClient() =>
        // Pooled connections are recycled so a long-lived client follows DNS changes of the server's name.
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
}
