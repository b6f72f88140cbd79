using Runnel.Core.Errors;

namespace Runnel.Server.Hosting;

/// <summary>Endpoint scope requirements, checked against the caller's key before the handler runs.</summary>
public static class ScopeRequirements
{
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, params string[] scopes)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var caller = ApiCaller.Of(context.HttpContext);
            foreach (var scope in scopes)
            {
                if (!caller.Has(scope))
                {
                    throw new RunnelException(ErrorCodes.ForbiddenScope, $"This call needs the {scope} scope.");
                }
            }

            return await next(context);
        });
        return builder;
    }
}
