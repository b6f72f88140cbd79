using System.Globalization;
using Runnel.Core.Diagnostics;
using Runnel.Core.Errors;
using Runnel.Core.Storage;

namespace Runnel.Server.Hosting;

/// <summary>
/// The one place exceptions become HTTP answers: domain errors keep their code, request-framing errors become the
/// matching 4xx, a database out of reach (<see cref="StoreUnavailableException"/>, which the store has logged) a
/// retryable 503 with <c>Retry-After</c>, and anything unexpected is logged and answered 500 without internals.
/// </summary>
public sealed class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    /// <summary>The <c>Retry-After</c> of a <c>503 unavailable</c> answer: a pool frees connections within moments.</summary>
    public static readonly TimeSpan UnavailableRetryAfter = TimeSpan.FromSeconds(1);

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
        catch (StoreUnavailableException) when (!context.Response.HasStarted)
        {
            ResetResponse(context);
            context.Response.Headers.RetryAfter =
                ((int)UnavailableRetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            await Problems.WriteAsync(context, new RunnelException(ErrorCodes.Unavailable,
                "The database is busy or unreachable and nothing was changed; retry after the Retry-After delay."));
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
