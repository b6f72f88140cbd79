using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Time.Testing;
using Runnel.Core.Errors;
using Runnel.Core.Services;
using Runnel.Core.Workspaces;
using Runnel.Server.Engine;
using Runnel.Server.Hosting;

namespace Runnel.Server.Features.Dev;

/// <summary>
/// API.md §11 and §14 test mode: the movable clock and the local outbox (always mapped: it lists what was kept when
/// no SMTP server is configured). The clock moves only with RUNNEL_DEV_CLOCK=1; without it its route answers
/// <c>404 dev_clock_disabled</c>, naming the setting, rather than a bare <c>not_found</c>.
/// </summary>
public static class DevApi
{
    /// <summary>At most one year per call, as API.md says.</summary>
    public const int MaxAdvanceSeconds = 31_536_000;

    public static IEndpointRouteBuilder MapDevApi(this IEndpointRouteBuilder app, RunnelOptions options)
    {
        if (options.DevClock)
        {
            // The clock is the server's, shared by every workspace: only the bootstrap admin key may move it.
            app.MapPost("/v1/dev/clock", AdvanceAsync).WithTags("Test mode").RequireScope(Scopes.WorkspacesAdmin);
            app.MapPost("/v1/dev/sms/inbound", InboundSmsAsync).WithTags("Test mode").RequireScope(Scopes.FlowsWrite)
                .Produces<InboundSmsResponse>();
        }
        else
        {
            app.MapPost("/v1/dev/clock", TestModeOff).WithTags("Test mode")
                .WithSummary("404 dev_clock_disabled: this server runs without RUNNEL_DEV_CLOCK=1");
            app.MapPost("/v1/dev/sms/inbound", TestModeOff).WithTags("Test mode")
                .WithSummary("404 dev_clock_disabled: this server runs without RUNNEL_DEV_CLOCK=1");
        }

        app.MapGet("/v1/dev/outbox", ListOutboxAsync).WithTags("Test mode").RequireScope(Scopes.FlowsRead)
            .ProducesPage<OutboxMessage>("messages");
        return app;
    }

    public sealed record AdvanceRequest(long? AdvanceSeconds);

    public sealed record ClockResponse(DateTimeOffset Now);

    public sealed record InboundSmsRequest(string? From, string? To, string? Text, string? MessageId);

    /// <summary>Where the message went (API.md §12's routing order), the contact, and the member it reached.</summary>
    public sealed record InboundSmsResponse(string MessageId, string RoutedTo, Guid ContactId, Guid? MemberId,
        bool Duplicate);

    /// <summary>
    /// One outbox message; an SMS also shows its sender (<c>from</c>), <c>media_url</c>, <c>encoding</c>,
    /// <c>segments</c>, the characters that forced UCS-2, and what the provider reported (<c>delivery_status</c>).
    /// </summary>
    public sealed record OutboxMessage(Guid Id, string Channel, string To, string? Subject, string? Html, string? Text,
        IReadOnlyDictionary<string, string> Headers, DateTimeOffset? SentAt, Guid? MemberId, string? StepId,
        string? From, string? MediaUrl, string? Encoding, int? Segments, IReadOnlyList<string>? Ucs2Characters,
        string? Status, string? DeliveryStatus);

    private static async Task<Ok<ClockResponse>> AdvanceAsync(Body<AdvanceRequest> body, FakeTimeProvider clock,
        WorkDriver driver, CancellationToken ct)
    {
        var seconds = body.Value.AdvanceSeconds;
        if (seconds is null or < 0 or > MaxAdvanceSeconds)
        {
            throw RunnelException.Invalid("advance_seconds", $"must be a whole number from 0 to {MaxAdvanceSeconds}");
        }

        await driver.AdvanceAsync(clock, TimeSpan.FromSeconds(seconds.Value), ct);
        return TypedResults.Ok(new ClockResponse(clock.GetUtcNow()));
    }

    /// <summary>
    /// API.md §12 test mode: handles the message as the provider's inbound webhook would (to the caller's workspace,
    /// whose <c>settings.sms_from</c> is the default <c>to</c>), then runs everything it caused — the member's next
    /// steps, the SMS they send — before answering, as <c>POST /v1/dev/clock</c> does.
    /// </summary>
    private static async Task<IResult> InboundSmsAsync(HttpContext http, Body<InboundSmsRequest> body,
        SmsInboundService inbound, WorkspaceService workspaces, FakeTimeProvider clock, WorkDriver driver,
        CancellationToken ct)
    {
        var workspaceId = ApiCaller.Of(http).WorkspaceId;
        var request = body.Value;
        var workspace = await workspaces.GetSettingsAsync(workspaceId, ct);
        var messageId = request.MessageId ?? $"dev-{Guid.CreateVersion7():N}";
        var message = SmsInboundService.Validate(request.From, request.To ?? workspace.SmsFrom ?? "", request.Text,
            messageId, ("from", "to", "text", "message_id"));
        if (workspace.SmsFrom is null)
        {
            throw RunnelException.Invalid("to", "the workspace has no settings.sms_from to receive messages at");
        }

        if (message.To != workspace.SmsFrom)
        {
            throw RunnelException.Invalid("to", $"must be this workspace's settings.sms_from, {workspace.SmsFrom}");
        }

        var result = await inbound.HandleAsync(workspaceId, message, ct);
        await driver.AdvanceAsync(clock, TimeSpan.Zero, ct);
        return ApiResults.Json(new InboundSmsResponse(message.ProviderMessageId, result.RoutedTo, result.ContactId,
            result.MemberId, result.Duplicate));
    }

    private static IResult TestModeOff() => throw new RunnelException(ErrorCodes.DevClockDisabled,
        "This server runs without test mode; start it with RUNNEL_DEV_CLOCK=1 to move its clock.");

    private static async Task<IResult> ListOutboxAsync(HttpContext http, Paging paging, OutboxService outbox,
        CancellationToken ct)
    {
        var page = await outbox.ListAsync(ApiCaller.Of(http).WorkspaceId, http.Request.Query["to"].ToString(),
            paging.Request, ct, http.Request.Query["channel"].ToString());
        return paging.Result("messages", page, m => new OutboxMessage(m.Id, m.Channel, m.To, m.Subject, m.Html, m.Text,
            m.Headers, m.SentAt, m.MemberId, m.StepId, m.Sms?.From, m.Sms?.MediaUrl, m.Sms?.Encoding, m.Sms?.Segments,
            m.Sms?.Ucs2Characters, m.Status, m.DeliveryStatus));
    }
}
