using Microsoft.AspNetCore.Http.HttpResults;
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
        group.MapPost("/", RecordAsync).RequireScope(Scopes.EventsWrite);
        return group;
    }

    public sealed record EventAcceptedResponse(string EventId);

    private static async Task<Accepted<EventAcceptedResponse>> RecordAsync(HttpContext http,
        Body<RecordEventRequest> body,
        EventService service, CancellationToken ct)
    {
        var result = await service.RecordAsync(ApiCaller.Of(http).WorkspaceId, body.Value, ct);
        return TypedResults.Accepted((string?)null, new EventAcceptedResponse(result.EventId));
    }
}
