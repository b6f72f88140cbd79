using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Runnel.Core.Delivery;
using Runnel.Core.Diagnostics;
using Runnel.Core.Errors;
using Runnel.Core.Services;
using Runnel.Core.Webhooks;
using Runnel.Server.Delivery.Sms;
using Runnel.Server.Hosting;

namespace Runnel.Server.Features.Sms;

/// <summary>
/// API.md §12: inbound SMS and delivery status callbacks from the provider. No API key: Twilio's requests carry
/// <c>X-Twilio-Signature</c> (checked against the auth token of <c>RUNNEL_SMS_URL</c> and the public URL of
/// <c>RUNNEL_PUBLIC_URL</c>), the generic provider's Standard Webhooks headers signed with the workspace's webhook
/// signing secret. A bad or missing signature answers <c>401 invalid_signature</c> before anything is recorded.
/// </summary>
public static class SmsWebhooksApi
{
    public const string FormContentType = "application/x-www-form-urlencoded";

    private const string EmptyTwiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    public sealed record InboundResponse(string RoutedTo, Guid ContactId, Guid? MemberId, bool Duplicate);

    public sealed record StatusResponse(bool Applied);

    public static IEndpointRouteBuilder MapSmsWebhooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/webhooks/sms").WithTags("SMS");
        group.MapPost("/twilio", TwilioInboundAsync).Accepts<IFormCollection>(FormContentType)
            .Produces(StatusCodes.Status200OK, contentType: "application/xml")
            .WithSummary("Twilio's inbound message webhook: paste {RUNNEL_PUBLIC_URL}/v1/webhooks/sms/twilio into the console");
        group.MapPost("/twilio/status", TwilioStatusAsync).Accepts<IFormCollection>(FormContentType)
            .Produces(StatusCodes.Status200OK, contentType: "application/xml");
        group.MapPost("/generic", GenericInboundAsync).Produces<InboundResponse>();
        group.MapPost("/generic/status", GenericStatusAsync).Produces<StatusResponse>();
        return app;
    }

    private static async Task<IResult> TwilioInboundAsync(HttpContext http, SmsInboundService inbound,
        SmsProviderInfo provider, RunnelOptions options, ILogger<SmsInboundService> logger, CancellationToken ct)
    {
        var form = await VerifiedTwilioFormAsync(http, provider, options, logger);
        var message = SmsInboundService.Validate(Field(form, "From"), Field(form, "To"), Field(form, "Body"),
            Field(form, "MessageSid"), ("From", "To", "Body", "MessageSid"));
        var workspace = await inbound.FindWorkspaceAsync(message.To, ct)
                        ?? throw new RunnelException(ErrorCodes.SmsNumberNotFound, $"No workspace sends from {message.To}.");
        var result = await inbound.HandleAsync(workspace.Id, message, ct);
        logger.SmsInbound(message.ProviderMessageId, workspace.Id, result.RoutedTo, result.MemberId);
        return Results.Content(EmptyTwiml, "application/xml", Encoding.UTF8);
    }

    private static async Task<IResult> TwilioStatusAsync(HttpContext http, SmsEngagement engagement,
        SmsProviderInfo provider, RunnelOptions options, ILogger<SmsInboundService> logger, CancellationToken ct)
    {
        var form = await VerifiedTwilioFormAsync(http, provider, options, logger);
        var sid = Field(form, "MessageSid") ?? Field(form, "SmsSid");
        if (string.IsNullOrWhiteSpace(sid))
        {
            throw RunnelException.Invalid("MessageSid", "is required");
        }

        var status = Field(form, "MessageStatus") ?? Field(form, "SmsStatus");
        if (string.IsNullOrWhiteSpace(status))
        {
            throw RunnelException.Invalid("MessageStatus", "is required");
        }

        await engagement.ApplyStatusAsync(new SmsStatusReport(sid.Trim(), SmsStatusReport.FromTwilio(status),
            Field(form, "ErrorCode"), Field(form, "ErrorMessage")), ct);
        return Results.Content(EmptyTwiml, "application/xml", Encoding.UTF8);
    }

    private static async Task<IResult> GenericInboundAsync(HttpContext http, SmsInboundService inbound,
        WorkspaceService workspaces, TimeProvider time, ILogger<SmsInboundService> logger, CancellationToken ct)
    {
        var (bytes, body) = await ReadJsonObjectAsync(http);
        var to = Text(body, "to");
        var workspace = to is null ? null : await inbound.FindWorkspaceAsync(to, ct);
        if (workspace is null)
        {
            // Without the workspace there is no secret to check the signature against: nothing can be accepted.
            Refuse(http, logger, to is null ? "no 'to' names the receiving number" : $"no workspace sends from {to}");
        }

        await VerifyStandardAsync(http, workspaces, time, workspace!.Id, bytes, logger, ct);
        Only(body, ["from", "to", "text", "message_id"]);
        var message = SmsInboundService.Validate(Text(body, "from"), to, Text(body, "text", allowEmpty: true),
            Text(body, "message_id"), ("from", "to", "text", "message_id"));
        var result = await inbound.HandleAsync(workspace.Id, message, ct);
        logger.SmsInbound(message.ProviderMessageId, workspace.Id, result.RoutedTo, result.MemberId);
        return ApiResults.Json(new InboundResponse(result.RoutedTo, result.ContactId, result.MemberId, result.Duplicate));
    }

    private static async Task<IResult> GenericStatusAsync(HttpContext http, SmsEngagement engagement,
        WorkspaceService workspaces, TimeProvider time, ILogger<SmsInboundService> logger, CancellationToken ct)
    {
        var (bytes, body) = await ReadJsonObjectAsync(http);
        var id = Text(body, "message_id");
        var workspaceId = id is null ? null : await engagement.FindWorkspaceOfMessageAsync(id, ct);
        if (workspaceId is not { } owner)
        {
            Refuse(http, logger, id is null ? "no message_id" : $"no SMS is known as {id}");
            return Results.Empty;
        }

        await VerifyStandardAsync(http, workspaces, time, owner, bytes, logger, ct);
        Only(body, ["message_id", "status", "error_code", "error"]);
        var status = Text(body, "status");
        if (status is not (SmsStatusReport.Delivered or SmsStatusReport.Failed or "sent" or "queued"))
        {
            throw RunnelException.Invalid("status", "must be delivered, failed, sent or queued");
        }

        var applied = await engagement.ApplyStatusAsync(
            new SmsStatusReport(id!, status, Text(body, "error_code"), Text(body, "error")), ct);
        return ApiResults.Json(new StatusResponse(applied));
    }

    /// <summary>
    /// The form of a Twilio request whose signature checks out: HMAC-SHA1 over the public URL of this route (with its
    /// query) and the sorted parameters. Refused (401) when Twilio is not the configured provider.
    /// </summary>
    private static async Task<Dictionary<string, string>> VerifiedTwilioFormAsync(HttpContext http,
        SmsProviderInfo provider, RunnelOptions options, ILogger logger)
    {
        var bytes = await RequestBody.ReadBytesAsync(http);
        var token = provider.TwilioAuthToken;
        if (token is null)
        {
            Refuse(http, logger, "Twilio is not the SMS provider of this server (RUNNEL_SMS_URL)");
        }

        var form = ParseForm(http, bytes);
        var url = options.PublicUrl + http.Request.Path + http.Request.QueryString;
        if (!TwilioSignature.IsValid(token, url, form, http.Request.Headers[TwilioSignature.Header].ToString()))
        {
            Refuse(http, logger, "X-Twilio-Signature does not match");
        }

        return form;
    }

    private static Dictionary<string, string> ParseForm(HttpContext http, byte[] bytes)
    {
        if (!(http.Request.ContentType ?? "").StartsWith(FormContentType, StringComparison.OrdinalIgnoreCase))
        {
            throw new RunnelException(ErrorCodes.UnsupportedMediaType, $"Send {FormContentType}, as Twilio does.");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw RunnelException.Invalid("", "The form body is not UTF-8.");
        }

        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in QueryHelpers.ParseNullableQuery(text) ?? [])
        {
            // Twilio sends each parameter once; a repeated one would make the signed data ambiguous.
            if (values.Count != 1)
            {
                throw RunnelException.Invalid(name, "must be sent once");
            }

            form[name] = values[0] ?? "";
        }

        return form;
    }

    private static async Task VerifyStandardAsync(HttpContext http, WorkspaceService workspaces, TimeProvider time,
        Guid workspaceId, byte[] bytes, ILogger logger, CancellationToken ct)
    {
        var headers = http.Request.Headers;
        var secrets = await workspaces.GetSigningSecretsAsync(workspaceId, ct);
        if (StandardWebhooks.Verify(secrets, headers[StandardWebhooks.IdHeader].ToString(),
                headers[StandardWebhooks.TimestampHeader].ToString(), headers[StandardWebhooks.SignatureHeader].ToString(),
                Encoding.UTF8.GetString(bytes), time.GetUtcNow()) is { } reason)
        {
            Refuse(http, logger, reason);
        }
    }

    private static async Task<(byte[] Bytes, JsonObject Body)> ReadJsonObjectAsync(HttpContext http)
    {
        var bytes = await RequestBody.ReadBytesAsync(http);
        if (bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new RunnelException(ErrorCodes.InvalidJson, "The request body is empty; send a JSON object.");
        }

        return RequestBody.ParseNode(bytes) is JsonObject body
            ? (bytes, body)
            : throw RunnelException.Invalid("", "The body must be a JSON object.");
    }

    private static void Only(JsonObject body, string[] known)
    {
        var errors = new ValidationErrors();
        foreach (var (name, _) in body)
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                errors.Add(name, "is not a known field");
            }
        }

        errors.ThrowIfAny();
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Refuse(HttpContext http, ILogger logger, string reason)
    {
        logger.SmsSignatureRejected(http.Request.Path, reason);
        throw new RunnelException(ErrorCodes.InvalidSignature, $"Refused: {reason}.");
    }

    private static string? Field(Dictionary<string, string> form, string name) => form.GetValueOrDefault(name);

    private static string? Text(JsonObject body, string name, bool allowEmpty = false)
    {
        if (body[name] is null)
        {
            return null;
        }

        if (body[name] is JsonValue value && value.TryGetValue<string>(out var text) && (allowEmpty || text.Length > 0))
        {
            return text;
        }

        throw RunnelException.Invalid(name, "must be a string");
    }
}
