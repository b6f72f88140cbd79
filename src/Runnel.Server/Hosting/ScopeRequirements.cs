using Runnel.Core.Errors;

namespace Runnel.Server.Hosting;
/// <summary>Endpoint scope requirements, checked against the caller's key before the handler runs.</summary>
public static class ScopeRequirements
{
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, params string[] scopes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredScopes(scopes));

    /// <summary>
    /// Checks the routed endpoint's scopes right after routing: before idempotency (so a repeated key cannot stand in
    /// for a scope) and before any body is read.
    /// </summary>
    public static IApplicationBuilder UseScopeChecks(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetOrderedMetadata<RequiredScopes>() is { Count: > 0 } required)
        {
            var caller = ApiCaller.Find(context)
                         ?? throw new RunnelException(ErrorCodes.Unauthorized, "This call needs an API key.");
            foreach (var scope in required.SelectMany(r => r.Scopes))
            {
                if (!caller.Has(scope))
                {
                    throw new RunnelException(ErrorCodes.ForbiddenScope, $"This call needs the {scope} scope.");
                }
            }
        }

        await next(context);
    });
}
