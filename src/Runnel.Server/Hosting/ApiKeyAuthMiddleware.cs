using Runnel.Core.Errors;
using Runnel.Core.Services;

namespace Runnel.Server.Hosting;

/// <summary>
/// Authenticates every /v1 request by its bearer key (looked up by hash; an active key is remembered for at most
/// 500 ms, and a revocation on this node forgets every key at once: <see cref="ApiKeyCache"/>) and enforces a public
/// key's allowed origins.
/// </summary>
public sealed class ApiKeyAuthMiddleware(RequestDelegate next, WorkspaceService workspaces)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // SMS providers cannot hold an API key: their webhooks prove themselves by signature (Features/Sms).
        if (!context.Request.Path.StartsWithSegments("/v1") || context.Request.Path.StartsWithSegments("/v1/webhooks/sms"))
        {
            await next(context);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        string? presented = null;
        if (header.Length <= 512 && header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && header.Length > prefix.Length)
        {
            presented = header[prefix.Length..].Trim();
        }
        else if (header.Length <= 512 && context.Request.Path.StartsWithSegments("/v1/webhooks/email"))
        {
            // Email providers can only put credentials in the webhook URL, which arrives as HTTP Basic.
            presented = BasicPassword(header);
        }

        if (presented is null)
        {
            throw new RunnelException(ErrorCodes.Unauthorized, "Send an API key as 'Authorization: Bearer <key>'.");
        }

        var key = await workspaces.AuthenticateAsync(presented, context.RequestAborted)
                  ?? throw new RunnelException(ErrorCodes.Unauthorized, "The API key is unknown or revoked.");
        var caller = new ApiCaller(key);
        caller.Attach(context);
        Cors.ApplyForCaller(context, caller);
        await next(context);
    }

    /// <summary>The key in <c>Basic base64(user:key)</c>: the password, or the user name when the password is empty.</summary>
    private static string? BasicPassword(string header)
    {
        const string basic = "Basic ";
        if (!header.StartsWith(basic, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header[basic.Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            var key = colon < 0 ? decoded : decoded[(colon + 1)..] is { Length: > 0 } password ? password : decoded[..colon];
            return key.Length > 0 ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
