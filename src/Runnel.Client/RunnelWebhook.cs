using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Runnel.Client;

/// <summary>
/// Checks webhooks Runnel sent (a flow's <c>send_webhook</c> step, a generic SMS provider) against the workspace's
/// signing secret, as the Standard Webhooks spec defines: <c>webhook-signature</c> holds space-separated
/// <c>v1,&lt;base64 HMAC-SHA256 of "id.timestamp.body"&gt;</c> entries, and <c>webhook-timestamp</c> must be within
/// <see cref="Tolerance"/> of now, so a captured request cannot be replayed later.
/// </summary>
public static class RunnelWebhook
{
    /// <summary>How far a webhook's timestamp may be from now, either way: five minutes.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private const string SecretPrefix = "whsec_";

    /// <summary>
    /// Verifies a webhook and returns its parsed JSON payload, or throws
    /// <see cref="RunnelWebhookVerificationException"/>.
    /// </summary>
    /// <param name="body">The raw request body, exactly as received (verify before any JSON re-formatting).</param>
    /// <param name="headers">The request headers; names are matched case-insensitively.</param>
    /// <param name="secret">The signing secret, <c>whsec_…</c>.</param>
    /// <param name="timeProvider">The clock to compare the timestamp with; default the system clock.</param>
    public static JsonObject Verify(string body, IEnumerable<KeyValuePair<string, string>> headers, string secret,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            map[name] = value;
        }

        return Verify(body, name => map.GetValueOrDefault(name), secret, timeProvider);
    }

    /// <summary>Verifies a webhook whose headers are an <see cref="HttpHeaders"/> collection.</summary>
    /// <inheritdoc cref="Verify(string, IEnumerable{KeyValuePair{string, string}}, string, TimeProvider?)"/>
    public static JsonObject Verify(string body, HttpHeaders headers, string secret, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Verify(body, name => headers.TryGetValues(name, out var values) ? string.Join(" ", values) : null, secret,
            timeProvider);
    }

    /// <summary>
    /// Verifies a webhook, reading each header through <paramref name="header"/>, e.g.
    /// <c>name =&gt; Request.Headers[name]</c> in ASP.NET Core.
    /// </summary>
    /// <inheritdoc cref="Verify(string, IEnumerable{KeyValuePair{string, string}}, string, TimeProvider?)"/>
    public static JsonObject Verify(string body, Func<string, string?> header, string secret,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(header);
        var key = DecodeSecret(secret);
        var id = Required(header, "webhook-id");
        var timestamp = Required(header, "webhook-timestamp");
        var signatures = Required(header, "webhook-signature");

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new RunnelWebhookVerificationException("webhook-timestamp is not a Unix time in seconds.");
        }

        var now = (timeProvider ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > Tolerance.TotalSeconds)
        {
            throw new RunnelWebhookVerificationException(
                $"webhook-timestamp is {now - seconds} s from now, outside the {Tolerance.TotalMinutes:0}-minute tolerance.");
        }

        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        if (!AnyMatches(signatures, expected))
        {
            throw new RunnelWebhookVerificationException("No webhook-signature matches the body and the secret.");
        }

        try
        {
            return JsonNode.Parse(body) as JsonObject
                   ?? throw new RunnelWebhookVerificationException("The webhook body is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new RunnelWebhookVerificationException("The webhook body is not JSON.", e);
        }
    }

    private static bool AnyMatches(string signatures, byte[] expected)
    {
        var matched = false;
        Span<byte> given = stackalloc byte[64];
        foreach (var entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || !entry.AsSpan(0, comma).SequenceEqual("v1")
                || !Convert.TryFromBase64String(entry[(comma + 1)..], given, out var written))
            {
                continue;
            }

            // Every entry is compared in constant time, and all are compared, so timing tells nothing about which.
            matched |= CryptographicOperations.FixedTimeEquals(given[..written], expected);
        }

        return matched;
    }

    private static byte[] DecodeSecret(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var text = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException e)
        {
            throw new ArgumentException("The signing secret must be whsec_ followed by base64.", nameof(secret), e);
        }
    }

    private static string Required(Func<string, string?> header, string name) =>
        header(name) is { Length: > 0 } value
            ? value
            : throw new RunnelWebhookVerificationException($"The {name} header is missing.");
}
