using Runnel.Core.Diagnostics;
using Runnel.Core.Errors;

namespace Runnel.Server.Hosting;

/// <summary>
/// The one place exceptions become HTTP answers: domain errors keep their code, request-framing errors become the
/// matching 4xx, and anything unexpected is logged and answered 500 without internals.
/// </summary>
public sealed class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (RunnelException error) when (!context.Response.HasStarted)
        {
            ResetResponse(context);
            await Problems.WriteAsync(context, error);
        }
        catch (BadHttpRequestException error) when (!context.Response.HasStarted)
        {
            ResetResponse(context);
            var code = error.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? ErrorCodes.PayloadTooLarge
                : ErrorCodes.InvalidJson;
            await Problems.WriteAsync(context, new RunnelException(code, error.Message));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception error) when (!context.Response.HasStarted)
        {
            logger.UnhandledError(error, context.Request.Method, context.Request.Path);
            ResetResponse(context);
            await Problems.WriteAsync(context, new RunnelException(ErrorCodes.InternalError,
                "An unexpected error occurred; it has been logged."));
        }
    }

    /// <summary>Drops a partly built answer but keeps CORS headers, so a browser can read the error.</summary>
    private static void ResetResponse(HttpContext context)
    {
        var kept = context.Response.Headers
            .Where(h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase) || h.Key == "Vary")
            .ToArray();
        context.Response.Clear();
        foreach (var (name, value) in kept)
        {
            context.Response.Headers[name] = value;
        }
    }
}
