using System.Net;
using Runnel.Core.Errors;
using Runnel.Core.Services;
using Runnel.Server.Engine;

namespace Runnel.Server.Features.Delivery;

/// <summary>
/// API.md §11, the links recipients follow: the open pixel, the click redirect and the unsubscribe page. Public (no
/// API key): the signed token is the authority, and a forged or altered one answers 404. GET never changes a
/// subscription — mail scanners prefetch links — only POST (RFC 8058 one-click, or the page's button) does.
/// </summary>
public static class TrackingApi
{
    // The smallest transparent GIF: 1×1, one transparent colour.
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static IEndpointRouteBuilder MapTrackingApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/t/o/{token}", OpenAsync).WithTags("Tracking and unsubscribe");
        app.MapGet("/t/c/{token}", ClickAsync).WithTags("Tracking and unsubscribe");
        app.MapGet("/u/{token}", UnsubscribePageAsync).WithTags("Tracking and unsubscribe");
        app.MapPost("/u/{token}", UnsubscribeAsync).WithTags("Tracking and unsubscribe");
        return app;
    }

    private static async Task<IResult> OpenAsync(string token, HttpContext http, SignedLinks links,
        EmailEngagement engagement, CancellationToken ct)
    {
        if (!links.TryReadOpen(token, out var workspaceId, out var messageId)
            || !await engagement.RecordOpenAsync(workspaceId, messageId, ct))
        {
            throw RunnelException.NotFound(ErrorCodes.NotFound);
        }

        NoStore(http);
        return TypedResults.Bytes(Pixel, "image/gif");
    }

    private static async Task<IResult> ClickAsync(string token, HttpContext http, SignedLinks links,
        EmailEngagement engagement, CancellationToken ct)
    {
        if (!links.TryReadClick(token, out var workspaceId, out var messageId, out var url))
        {
            throw RunnelException.NotFound(ErrorCodes.NotFound);
        }

        // The target is signed, so the redirect is safe even when the message itself has since been erased.
        await engagement.RecordClickAsync(workspaceId, messageId, url, ct);
        NoStore(http);
        return TypedResults.Redirect(url);
    }

    private static async Task<IResult> UnsubscribePageAsync(string token, HttpContext http, SignedLinks links,
        EmailEngagement engagement, CancellationToken ct)
    {
        if (!links.TryReadUnsubscribe(token, out var workspaceId, out var contactId)
            || !await engagement.ContactExistsAsync(workspaceId, contactId, ct))
        {
            throw RunnelException.NotFound(ErrorCodes.NotFound);
        }

        NoStore(http);
        var action = WebUtility.HtmlEncode($"/u/{token}");
        return Page("Unsubscribe", $"""
            <h1>Unsubscribe</h1>
            <p>Stop receiving these emails? You can subscribe again later.</p>
            <form method="post" action="{action}">
              <input type="hidden" name="List-Unsubscribe" value="One-Click">
              <button type="submit">Unsubscribe</button>
            </form>
            """);
    }

    private static async Task<IResult> UnsubscribeAsync(string token, HttpContext http, SignedLinks links,
        EmailEngagement engagement, CancellationToken ct)
    {
        if (!links.TryReadUnsubscribe(token, out var workspaceId, out var contactId)
            || !await engagement.UnsubscribeAsync(workspaceId, contactId, ct))
        {
            throw RunnelException.NotFound(ErrorCodes.NotFound);
        }

        NoStore(http);
        return Page("Unsubscribed", "<h1>You are unsubscribed</h1><p>You will not receive these emails any more.</p>");
    }

    private static IResult Page(string title, string body) => TypedResults.Content($"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <meta name="robots" content="noindex"><title>{title}</title></head>
        <body style="font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem">
        {body}
        </body></html>
        """, "text/html; charset=utf-8");

    private static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-store";
}
