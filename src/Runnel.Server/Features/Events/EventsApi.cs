using Runnel.Core.Events;
using Runnel.Core.Services;
using Runnel.Core.Workspaces;
using Runnel.Server.Hosting;

namespace Runnel.Server.Features.Events;

/// <summary>API.md §5: custom events. Public keys may call it (EVENTS_WRITE).</summary>
public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/events").WithTags("Events");
        group.MapPost("/", RecordAsync).RequireScope(Scopes.EventsWrite)
            .Produces<EventAcceptedResponse>(StatusCodes.Status202Accepted);
        return group;
    }

    public sealed record EventAcceptedResponse(string EventId);

    private static async Task<IResult> RecordAsync(HttpContext http, Body<RecordEventRequest> body,
        EventService service, CancellationToken ct)
    {
        var result = await service.RecordAsync(ApiCaller.Of(http).WorkspaceId, body.Value, ct);
        return ApiResults.Json(new EventAcceptedResponse(result.EventId), StatusCodes.Status202Accepted);
    }
}
