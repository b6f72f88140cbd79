using Runnel.Core.Errors;
using Runnel.Core.Workspaces;

namespace Runnel.Server.Hosting;

/// <summary>
/// CORS for browser callers with public keys. A preflight carries no key, so it is answered for any origin; the real
/// request is then checked against the key's allowed_origins, and only allowed origins get CORS headers back.
/// </summary>
public static class Cors
{
    public static bool TryAnswerPreflight(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsOptions(request.Method) || !request.Path.StartsWithSegments("/v1")
            || !request.Headers.ContainsKey("Origin") || !request.Headers.ContainsKey("Access-Control-Request-Method"))
        {
            return false;
        }

        var headers = context.Response.Headers;
        headers["Access-Control-Allow-Origin"] = request.Headers.Origin.ToString();
        headers["Access-Control-Allow-Methods"] = "GET, POST, PATCH, PUT, DELETE";
        headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type, Idempotency-Key";
        headers["Access-Control-Max-Age"] = "600";
        headers.Vary = "Origin";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return true;
    }

    public static void ApplyForCaller(HttpContext context, ApiCaller caller)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || caller.Key.Kind != ApiKeyKind.Public)
        {
            return;
        }

        // Set before the origin check: a refused origin gets them too, on its 403 only (nothing ran), so browser code
        // reads origin_not_allowed instead of an opaque CORS failure. The error handler keeps these headers.
        var headers = context.Response.Headers;
        headers["Access-Control-Allow-Origin"] = origin;
        headers["Access-Control-Expose-Headers"] = "Idempotent-Replayed, Retry-After";
        headers.Vary = "Origin";

        var allowed = caller.Key.AllowedOrigins;
        if (allowed is { Count: > 0 } && !allowed.Contains(origin.TrimEnd('/').ToLowerInvariant()))
        {
            throw new RunnelException(ErrorCodes.OriginNotAllowed, $"Origin {origin} is not allowed for this key.");
        }
    }
}
