using Microsoft.AspNetCore.Http.HttpResults;
using Runnel.Core.Delivery;
using Runnel.Core.Errors;
using Runnel.Core.Services;
using Runnel.Core.Workspaces;
using Runnel.Server.Hosting;

namespace Runnel.Server.Features.Delivery;

/// <summary>
/// <c>POST /v1/webhooks/email/{provider}</c> (API.md §11): delivery, bounce and complaint reports. Authenticated like
/// every /v1 call, by a secret API key with EVENTS_WRITE — as a bearer token, or as the password of HTTP Basic
/// credentials for providers that can only put credentials in the webhook URL. The key's workspace is where the
/// reported messages are looked up.
/// </summary>
public static class EmailWebhooksApi
{
    public sealed record ProviderEventsResponse(int Matched, int Unmatched, int Ignored);

    public static IEndpointRouteBuilder MapEmailWebhooksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/webhooks/email/{provider}", ReceiveAsync).WithTags("Delivery")
            .RequireScope(Scopes.EventsWrite);
        return app;
    }

    private static async Task<Ok<ProviderEventsResponse>> ReceiveAsync(string provider, HttpContext http,
        EmailEngagement engagement,
        CancellationToken ct)
    {
        var caller = ApiCaller.Of(http);
        if (caller.IsPublic)
        {
            throw new RunnelException(ErrorCodes.ForbiddenScope, "Provider webhooks need a secret API key.");
        }

        if (!ProviderEventParser.Providers.Contains(provider))
        {
            throw RunnelException.NotFound(ErrorCodes.NotFound);
        }

        var body = RequestBody.ParseNode(await RequestBody.ReadBytesAsync(http));
        var parsed = ProviderEventParser.Parse(provider, body)!;
        var result = await engagement.ApplyProviderEventsAsync(caller.WorkspaceId, parsed.Events, ct);
        return TypedResults.Ok(new ProviderEventsResponse(result.Matched, result.Unmatched, parsed.Ignored));
    }
}
