using Runnel.Core.Errors;
using Runnel.Core.Workspaces;

namespace Runnel.Server.Hosting;

/// <summary>
/// Authenticates every /v1 request by its bearer key (looked up by hash on each call, so a revocation takes effect
/// at once) and enforces a public key's allowed origins.
/// </summary>
public sealed class ApiKeyAuthMiddleware(RequestDelegate next, WorkspaceService workspaces)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/v1"))
        {
            await next(context);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || header.Length <= prefix.Length
            || header.Length > 512)
        {
            throw new RunnelException(ErrorCodes.Unauthorized, "Send an API key as 'Authorization: Bearer <key>'.");
        }

        var key = await workspaces.AuthenticateAsync(header[prefix.Length..].Trim(), context.RequestAborted)
                  ?? throw new RunnelException(ErrorCodes.Unauthorized, "The API key is unknown or revoked.");
        var caller = new ApiCaller(key);
        caller.Attach(context);
        Cors.ApplyForCaller(context, caller);
        await next(context);
    }
}
