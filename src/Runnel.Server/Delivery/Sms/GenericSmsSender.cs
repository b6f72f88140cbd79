using System.Text;
using System.Text.Json.Nodes;
using Runnel.Core.Delivery;
using Runnel.Core.Members;
using Runnel.Core.Webhooks;

namespace Runnel.Server.Delivery.Sms;

/// <summary>
/// The generic provider (API.md §12): <c>POST {to, from, text, media_url, message_id}</c> as JSON to
/// <c>RUNNEL_SMS_URL</c>, signed with Standard Webhooks headers and the workspace's signing secrets as outgoing
/// webhooks are (§11). <c>webhook-id</c> and <c>message_id</c> are the outbox row's id, stable across retries, so the
/// provider can deduplicate. A <c>message_id</c> in a 2xx answer becomes the id status callbacks name.
/// </summary>
public sealed class GenericSmsSender(SmsSettings settings, TimeProvider time) : ISmsSender, IDisposable
{
    private readonly HttpClient _client = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Parallel sends per node (see <see cref="Runnel.Core.Engine.SmsDeliveryPump.BatchSize"/>).</summary>
    public int Concurrency => 64;

    public async Task<SmsSendResult> SendAsync(OutboundMessage message, IReadOnlyList<byte[]> signingSecrets,
        CancellationToken ct)
    {
        var sms = message.Sms!;
        var id = message.Id.ToString("D");
        var body = new JsonObject
        {
            ["to"] = message.To,
            ["from"] = sms.From,
            ["text"] = message.Text ?? "",
            ["media_url"] = sms.MediaUrl,
            ["message_id"] = id,
        }.ToJsonString();
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.BaseUri);
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        request.Headers.Add(StandardWebhooks.IdHeader, id);
        request.Headers.Add(StandardWebhooks.TimestampHeader,
            timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (signingSecrets.Count > 0)
        {
            request.Headers.Add(StandardWebhooks.SignatureHeader, StandardWebhooks.Sign(signingSecrets, id, timestamp, body));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TwilioSmsSender.AttemptTimeout);
        try
        {
            using var response = await _client.SendAsync(request, timeout.Token);
            var answer = await response.Content.ReadAsStringAsync(timeout.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new SmsSendResult(SendOutcome.Sent, ProviderMessageId: ProviderId(answer) ?? id);
            }

            var error = $"HTTP {status}";
            return status is 429 or >= 500
                ? new SmsSendResult(SendOutcome.Transient, Error: error, RetryAfter: SmsHttp.RetryAfter(response))
                : new SmsSendResult(SendOutcome.Permanent, Error: error, ErrorCode: ErrorCode(answer));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new SmsSendResult(SendOutcome.Transient, Error: "No answer within 15 seconds.");
        }
        catch (HttpRequestException error)
        {
            return new SmsSendResult(SendOutcome.Transient, Error: error.Message);
        }
    }

    public void Dispose() => _client.Dispose();

    private static string? ProviderId(string answer) => Field(answer, "message_id");

    private static string? ErrorCode(string answer) => Field(answer, "error_code");

    private static string? Field(string answer, string name)
    {
        try
        {
            return JsonNode.Parse(answer) is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s)
                && s.Length is > 0 and <= 200 ? s : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
