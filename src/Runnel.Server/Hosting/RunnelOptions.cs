namespace Runnel.Server.Hosting;

/// <summary>
/// Server configuration. Each value comes from its environment variable (RUNNEL_DATABASE …) or the same key under
/// "Runnel" in appsettings.json (Runnel:Database …); the environment wins.
/// </summary>
public sealed class RunnelOptions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public string DataDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>The SQLite file; unused when <see cref="PostgresConnectionString"/> is set.</summary>
    public string DatabasePath { get; init; } = "runnel.db";

    /// <summary>The Npgsql connection string when RUNNEL_DATABASE names PostgreSQL; null for SQLite.</summary>
    public string? PostgresConnectionString { get; init; }

    public string? AdminKey { get; init; }

    public string? SecretKey { get; init; }

    /// <summary>
    /// The base of links in messages (unsubscribe, tracking). Never null: without RUNNEL_PUBLIC_URL it is the first
    /// URL the server listens on (wildcard hosts read as 127.0.0.1), else <see cref="DefaultUrl"/>.
    /// </summary>
    public string PublicUrl { get; init; } = DefaultUrl;

    /// <summary><c>smtp://user:pass@host:port</c> or <c>smtps://…</c>; null keeps email in the local outbox.</summary>
    public string? SmtpUrl { get; init; }

    /// <summary>
    /// The SMS provider (RUNNEL_SMS_URL): <c>twilio://Sid:Token@host</c>, <c>twilio+http://…</c> or a generic
    /// provider's <c>https://</c> URL; null keeps SMS in the local outbox.
    /// </summary>
    public string? SmsUrl { get; init; }

    public string? DkimDomain { get; init; }

    public string? DkimSelector { get; init; }

    public string? DkimKeyFile { get; init; }

    /// <summary>The List-Unsubscribe mailto address; null uses each email's from address.</summary>
    public string? UnsubscribeMailbox { get; init; }

    public bool DevClock { get; init; }

    /// <summary>Where the dev clock starts; the real time when unset.</summary>
    public DateTimeOffset? DevClockStart { get; init; }

    /// <summary>The built web UI (RUNNEL_UI_DIR); default the <c>ui</c> folder beside the server's binaries.</summary>
    public string UiDirectory { get; init; } = Path.Combine(AppContext.BaseDirectory, "ui");

    /// <summary>Private webhook targets allowed by name: comma-separated <c>host:port</c>.</summary>
    public string? WebhookAllowHosts { get; init; }

    /// <summary>
    /// Where scratch create_page steps get their HTML (docs/pages.md): an http(s) URL the server POSTs
    /// <c>{prompt, contact, context}</c> to, SSRF-checked like webhooks. Unset: the built-in page layout.
    /// </summary>
    public string? PageGeneratorUrl { get; init; }

    /// <summary>Requests per second per API key; the bucket holds twice that for bursts. 0 turns limiting off.</summary>
    public int RateLimitPerSecond { get; init; } = 1000;

    /// <summary>RUNNEL_TRIGGER_DISPATCH=0 queues trigger events without dispatching them (default on).</summary>
    public bool TriggerDispatch { get; init; } = true;

    /// <summary>Form submissions per minute per client IP (RUNNEL_FORM_RATE_LIMIT); 0 turns limiting off.</summary>
    public int FormSubmissionsPerMinute { get; init; } = 30;

    /// <summary>This node's name among nodes sharing a database (RUNNEL_NODE_ID); unique per process when unset.</summary>
    public string NodeId { get; init; } = Core.Engine.NodeOptions.NewNodeId();

    /// <summary>How long a node's claims last before another node may take the work over (RUNNEL_CLAIM_LEASE_SECONDS).</summary>
    public TimeSpan ClaimLease { get; init; } = Core.Engine.NodeOptions.DefaultClaimLease;

    /// <summary>
    /// The background loops' safety-net poll (RUNNEL_SAFETY_POLL_SECONDS): the longest a loop sleeps before looking at
    /// its next due time again. Loops wake on commits (and NOTIFY from other nodes) and at the due times they know, so
    /// this only bounds how late work is whose signal was lost — and sets what an idle server costs: one small read
    /// per loop per interval.
    /// </summary>
    public TimeSpan SafetyPoll { get; init; } = DefaultSafetyPoll;

    /// <summary>Why 30 s: an idle server then reads a few rows a minute, and a lost signal delays work by the claim
    /// lease at most, the delay node failover already accepts.</summary>
    public static readonly TimeSpan DefaultSafetyPoll = TimeSpan.FromSeconds(30);

    /// <summary>Fault injection for multi-node tests (RUNNEL_FAULT_HOLD_AFTER_CLAIM_MS); zero in production.</summary>
    public TimeSpan FaultHoldAfterClaim { get; init; }

    /// <summary>
    /// Fault injection for idempotency tests (RUNNEL_FAULT_ABANDON_IDEMPOTENCY=1): keyed requests answer but never store
    /// their answer, as if the process died after the command, so every repeat recovers from the recorded writes.
    /// </summary>
    public bool FaultAbandonIdempotency { get; init; }

    public static RunnelOptions From(IConfiguration configuration)
    {
        string? Get(string env, string key) =>
            NullIfEmpty(configuration[env]) ?? NullIfEmpty(configuration[$"Runnel:{key}"]);

        var dataDirectory = Path.GetFullPath(Get("RUNNEL_DATA_DIR", "DataDir") ?? Directory.GetCurrentDirectory());
        var database = Get("RUNNEL_DATABASE", "Database");
        var postgres = database is not null && Storage.Postgres.PostgresConnectionString.IsPostgres(database)
            ? Storage.Postgres.PostgresConnectionString.Parse(database)
            : null;
        if (postgres is not null && Get("RUNNEL_SECRET_KEY", "SecretKey") is null)
        {
            // A key generated into one node's data folder would differ per node: secrets written by one node would be
            // unreadable on another and its links would fail their signature checks.
            throw new InvalidOperationException(
                "RUNNEL_SECRET_KEY must be set when RUNNEL_DATABASE is PostgreSQL: it encrypts stored secrets and signs "
                + "links, and every node sharing the database must use the same key (docs/scaling.md).");
        }

        var rateLimit = Get("RUNNEL_RATE_LIMIT", "RateLimit");
        var generator = Get("RUNNEL_PAGE_GENERATOR_URL", "PageGeneratorUrl");
        if (generator is not null && !(Uri.TryCreate(generator, UriKind.Absolute, out var generatorUri)
                                       && generatorUri.Scheme is "http" or "https"))
        {
            throw new InvalidOperationException("RUNNEL_PAGE_GENERATOR_URL must be an absolute http(s) URL.");
        }

        return new RunnelOptions
        {
            DataDirectory = dataDirectory,
            DatabasePath = Path.GetFullPath(postgres is null ? database ?? "runnel.db" : "runnel.db", dataDirectory),
            PostgresConnectionString = postgres,
            AdminKey = Get("RUNNEL_ADMIN_KEY", "AdminKey"),
            SecretKey = Get("RUNNEL_SECRET_KEY", "SecretKey"),
            PublicUrl = Get("RUNNEL_PUBLIC_URL", "PublicUrl")?.TrimEnd('/') ?? ListeningUrl(configuration["urls"]),
            SmtpUrl = Get("RUNNEL_SMTP_URL", "SmtpUrl"),
            SmsUrl = Get("RUNNEL_SMS_URL", "SmsUrl"),
            DkimDomain = Get("RUNNEL_DKIM_DOMAIN", "DkimDomain"),
            DkimSelector = Get("RUNNEL_DKIM_SELECTOR", "DkimSelector"),
            DkimKeyFile = Get("RUNNEL_DKIM_KEY_FILE", "DkimKeyFile"),
            UnsubscribeMailbox = Get("RUNNEL_UNSUBSCRIBE_MAILTO", "UnsubscribeMailto"),
            WebhookAllowHosts = Get("RUNNEL_WEBHOOK_ALLOW_HOSTS", "WebhookAllowHosts"),
            PageGeneratorUrl = generator,
            DevClock = Get("RUNNEL_DEV_CLOCK", "DevClock") is "1" or "true" or "True",
            UiDirectory = Get("RUNNEL_UI_DIR", "UiDir") is { } ui
                ? Path.GetFullPath(ui)
                : Path.Combine(AppContext.BaseDirectory, "ui"),
            DevClockStart = Get("RUNNEL_DEV_CLOCK_START", "DevClockStart") is { } start
                ? DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime()
                : null,
            TriggerDispatch = Get("RUNNEL_TRIGGER_DISPATCH", "TriggerDispatch") is not ("0" or "false" or "False"),
            FormSubmissionsPerMinute = Get("RUNNEL_FORM_RATE_LIMIT", "FormRateLimit") is { } formLimit
                ? int.Parse(formLimit, System.Globalization.CultureInfo.InvariantCulture)
                : 30,
            RateLimitPerSecond = rateLimit is null ? 1000 : int.Parse(rateLimit, System.Globalization.CultureInfo.InvariantCulture),
            NodeId = Get("RUNNEL_NODE_ID", "NodeId") ?? Core.Engine.NodeOptions.NewNodeId(),
            ClaimLease = Get("RUNNEL_CLAIM_LEASE_SECONDS", "ClaimLeaseSeconds") is { } lease
                ? TimeSpan.FromSeconds(double.Parse(lease, System.Globalization.CultureInfo.InvariantCulture))
                : Core.Engine.NodeOptions.DefaultClaimLease,
            SafetyPoll = Get("RUNNEL_SAFETY_POLL_SECONDS", "SafetyPollSeconds") is { } poll
                ? SafetyPollFrom(poll)
                : DefaultSafetyPoll,
            FaultHoldAfterClaim = Get("RUNNEL_FAULT_HOLD_AFTER_CLAIM_MS", "FaultHoldAfterClaimMs") is { } hold
                ? TimeSpan.FromMilliseconds(double.Parse(hold, System.Globalization.CultureInfo.InvariantCulture))
                : TimeSpan.Zero,
            FaultAbandonIdempotency = Get("RUNNEL_FAULT_ABANDON_IDEMPOTENCY", "FaultAbandonIdempotency") is "1" or "true",
        };
    }

    private static TimeSpan SafetyPollFrom(string seconds)
    {
        if (!double.TryParse(seconds, System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out var value) || !(value is >= 0.01 and <= 3600))
        {
            throw new InvalidOperationException("RUNNEL_SAFETY_POLL_SECONDS must be a number of seconds from 0.01 to 3600.");
        }

        return TimeSpan.FromSeconds(value);
    }

    /// <summary>The first URL of ASP.NET's <c>urls</c> setting, with wildcard hosts made reachable locally.</summary>
    private static string ListeningUrl(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault();
        if (first is null)
        {
            return DefaultUrl;
        }

        foreach (var wildcard in (string[])["://*:", "://+:", "://0.0.0.0:", "://[::]:"])
        {
            first = first.Replace(wildcard, "://127.0.0.1:", StringComparison.Ordinal);
        }

        return first.TrimEnd('/');
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
