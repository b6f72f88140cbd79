using System.Net.Http.Headers;
using System.Text;
using Runnel.Core.Diagnostics;
using Runnel.Core.Net;
using Runnel.Core.Webhooks;

namespace Runnel.Server.Engine.Webhooks;

/// <summary>
/// Sends webhook attempts over HTTP(S) through the <see cref="GuardedConnector"/>: Standard Webhooks headers, the
/// frozen body (for GET, the same JSON in the <c>payload</c> query parameter), optional bearer token or HS256 JWT,
/// 15 s per attempt.
/// </summary>
public sealed class WebhookSender(GuardedConnector connector, TimeProvider time, ILogger<WebhookSender> logger)
    : IWebhookSender, IDisposable
{
    /// <summary>API.md §11: each attempt times out after 15 seconds (real time, whatever the dev clock says).</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);

    private readonly HttpClient _client = new(connector.CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan };

    public async Task<WebhookAttempt> SendAsync(WebhookDelivery delivery, IReadOnlyList<byte[]> signingSecrets,
        string? jwtSecret, CancellationToken cancellationToken)
    {
        var request = delivery.Request;
        var now = time.GetUtcNow();
        using var message = BuildMessage(request, signingSecrets, jwtSecret, now);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AttemptTimeout);
        try
        {
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead,
                timeout.Token);
            var status = (int)response.StatusCode;
            logger.WebhookAnswered(request.MessageId, request.MemberId, request.StepId, status);
            return new WebhookAttempt(status, RetryAfter(response.Headers.RetryAfter, now), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttempt(null, null, $"No answer within {AttemptTimeout.TotalSeconds:0} seconds.");
        }
        catch (HttpRequestException error) when (Blocked(error) is { } blocked)
        {
            logger.WebhookBlocked(request.MessageId, request.MemberId, request.StepId, blocked.Message);
            return new WebhookAttempt(null, null, $"Blocked: {blocked.Message}.", Blocked: true);
        }
        catch (HttpRequestException error)
        {
            return new WebhookAttempt(null, null, error.Message);
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>The request of one attempt; the timestamp and signatures are fresh, id and body are the delivery's.</summary>
    public static HttpRequestMessage BuildMessage(WebhookRequest request, IReadOnlyList<byte[]> signingSecrets,
        string? jwtSecret, DateTimeOffset now)
    {
        var isGet = request.Method == "get";
        var uri = new Uri(request.Url);
        if (isGet)
        {
            var separator = string.IsNullOrEmpty(uri.Query) ? "?" : "&";
            uri = new Uri($"{request.Url}{separator}payload={Uri.EscapeDataString(request.Body)}");
        }

        var method = request.Method switch
        {
            "get" => HttpMethod.Get,
            "put" => HttpMethod.Put,
            _ => HttpMethod.Post,
        };
        var timestamp = now.ToUnixTimeSeconds();
        var message = new HttpRequestMessage(method, uri);
        message.Headers.Add(StandardWebhooks.IdHeader, request.MessageId);
        message.Headers.Add(StandardWebhooks.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (signingSecrets.Count > 0)
        {
            message.Headers.Add(StandardWebhooks.SignatureHeader,
                StandardWebhooks.Sign(signingSecrets, request.MessageId, timestamp, request.Body));
        }

        message.Headers.UserAgent.Add(new ProductInfoHeaderValue("Runnel-Webhooks", "1"));
        if (request.BearerToken is { } token)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (jwtSecret is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
                Hs256Jwt.Create(jwtSecret, Hs256Jwt.ClaimsFor(request, now)));
        }

        if (!isGet)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8, "application/json");
        }

        return message;
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - now,
        _ => null,
    };

    /// <summary>The SSRF refusal inside an <see cref="HttpRequestException"/>, if that is why the call failed.</summary>
    internal static WebhookTargetBlockedException? Blocked(Exception error)
    {
        for (var current = error.InnerException; current is not null; current = current.InnerException)
        {
            if (current is WebhookTargetBlockedException blocked)
            {
                return blocked;
            }
        }

        return null;
    }
}
