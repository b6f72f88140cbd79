using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Runnel.Core.Delivery;
using Runnel.Core.Members;
using Runnel.Server.Hosting;

namespace Runnel.Server.Delivery.Sms;

/// <summary>
/// Twilio's Messages resource (<c>POST /2010-04-01/Accounts/{Sid}/Messages.json</c>, form-encoded, HTTP basic auth),
/// asking for status callbacks at <c>{RUNNEL_PUBLIC_URL}/v1/webhooks/sms/twilio/status</c>. The message's idempotency
/// key goes in Twilio's <c>I-Twilio-Idempotency-Token</c> header, so a resend after a crash is the same message to
/// Twilio. 429 (with its Retry-After), 5xx, time-outs and connection failures are worth retrying; other 4xx are not.
/// </summary>
public sealed class TwilioSmsSender(SmsSettings settings, RunnelOptions options) : ISmsSender, IDisposable
{
    /// <summary>Each attempt gets 15 seconds, as webhook attempts do.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);

    public const string StatusCallbackPath = "/v1/webhooks/sms/twilio/status";

    private readonly HttpClient _client = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Parallel sends per node (see <see cref="Runnel.Core.Engine.SmsDeliveryPump.BatchSize"/>).</summary>
    public int Concurrency => 64;

    public async Task<SmsSendResult> SendAsync(OutboundMessage message, IReadOnlyList<byte[]> signingSecrets,
        CancellationToken ct)
    {
        var sms = message.Sms!;
        var form = new List<KeyValuePair<string, string>>
        {
            new("To", message.To),
            new("From", sms.From),
            new("Body", message.Text ?? ""),
            new("StatusCallback", options.PublicUrl + StatusCallbackPath),
        };
        if (sms.MediaUrl is { } media)
        {
            form.Add(new("MediaUrl", media));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post,
            new Uri(settings.BaseUri, $"2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid!)}/Messages.json"));
        request.Content = new FormUrlEncodedContent(form);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}")));
        request.Headers.Add("I-Twilio-Idempotency-Token", message.IdempotencyKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(AttemptTimeout);
        try
        {
            using var response = await _client.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return Interpret(response, body);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new SmsSendResult(SendOutcome.Transient, Error: $"No answer within {AttemptTimeout.TotalSeconds:0} seconds.");
        }
        catch (HttpRequestException error)
        {
            return new SmsSendResult(SendOutcome.Transient, Error: error.Message);
        }
    }

    public void Dispose() => _client.Dispose();

    private static SmsSendResult Interpret(HttpResponseMessage response, string body)
    {
        var json = TryParse(body);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return new SmsSendResult(SendOutcome.Sent, ProviderMessageId: Text(json, "sid"));
        }

        var code = json?["code"] is JsonValue c ? c.ToString() : null;
        var error = $"HTTP {status}: {Text(json, "message") ?? response.ReasonPhrase}";
        return status == (int)HttpStatusCode.TooManyRequests || status >= 500
            ? new SmsSendResult(SendOutcome.Transient, Error: error, ErrorCode: code,
                RetryAfter: SmsHttp.RetryAfter(response))
            : new SmsSendResult(SendOutcome.Permanent, Error: error, ErrorCode: code);
    }

    private static JsonNode? TryParse(string body)
    {
        try
        {
            return string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonNode? json, string name) =>
        json is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
