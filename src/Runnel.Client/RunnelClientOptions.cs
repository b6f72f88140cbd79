namespace Runnel.Client;

/// <summary>How a <see cref="RunnelClient"/> reaches the server.</summary>
public sealed class RunnelClientOptions
{
    /// <summary>The default <see cref="BaseUrl"/>: a server on this machine.</summary>
    public static readonly Uri DefaultBaseUrl = new("http://127.0.0.1:5080");

    /// <summary>A secret API key (<c>rk_secret_…</c>), sent as a bearer token.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>The server's address, without <c>/v1</c>; default <c>http://127.0.0.1:5080</c>.</summary>
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>How long one attempt may take, body included; default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many times a call is retried after a network error, a time-out, 409 <c>idempotency_key_in_use</c>, 429 or
    /// a 5xx answer; default 2. Zero turns retries off.
    /// </summary>
    public int MaxRetries { get; set; } = 2;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            throw new ArgumentException("RunnelClientOptions.ApiKey is required.", nameof(ApiKey));
        }

        ArgumentNullException.ThrowIfNull(BaseUrl);
        if (!BaseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("RunnelClientOptions.BaseUrl must be absolute.", nameof(BaseUrl));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetries);
        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), "must be positive");
        }
    }
}
