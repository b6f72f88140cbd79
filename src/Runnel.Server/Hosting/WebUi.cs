using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Runnel.Server.Hosting;

/// <summary>
/// Serves the built web UI (web/ → the <c>ui</c> folder beside the server) at <c>/</c>, with history fallback: a GET
/// for a path no endpoint or file answers gets <c>index.html</c>, so deep links such as <c>/flows/{id}</c> open in the
/// app. Paths the server owns (<c>/v1</c>, <c>/docs</c>, <c>/openapi</c>, tracking, forms, pages, health) keep their
/// own answers, including their 404s. Without a built UI, <c>/</c> explains how to build it.
/// </summary>
public static class WebUi
{
    private static readonly string[] ServerPrefixes =
        ["/v1", "/docs", "/openapi", "/p", "/u", "/t", "/forms", "/healthz", "/readyz", "/metrics", "/assets"];

    public static WebApplication UseWebUi(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<RunnelOptions>();
        var folder = options.UiDirectory;
        var index = Path.Combine(folder, "index.html");
        if (File.Exists(index))
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(folder),
                OnPrepareResponse = file =>
                {
                    // Vite names every asset by its content hash, so assets never change; index.html names them.
                    file.Context.Response.Headers.CacheControl =
                        file.Context.Request.Path.StartsWithSegments("/assets")
                            ? "public, max-age=31536000, immutable"
                            : "no-cache";
                },
            });
        }

        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint() is not null || !IsAppPath(context.Request))
            {
                await next(context);
                return;
            }

            context.Response.Headers.CacheControl = "no-cache";
            if (File.Exists(index))
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.SendFileAsync(index, context.RequestAborted);
                return;
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(NotBuiltPage, context.RequestAborted);
        });
        return app;
    }

    /// <summary>A GET or HEAD for a page of the app: not a path the server owns and not a file name.</summary>
    private static bool IsAppPath(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        var path = request.Path;
        if (ServerPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var last = path.Value?[(path.Value.LastIndexOf('/') + 1)..] ?? "";
        return !last.Contains('.', StringComparison.Ordinal)
               && request.Headers.Accept.ToString() is var accept
               && (accept.Length == 0 || accept.Contains("text/html", StringComparison.OrdinalIgnoreCase)
                   || accept.Contains("*/*", StringComparison.Ordinal));
    }

    private const string NotBuiltPage = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Runnel — the web UI is not built</title>
        <style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}code{background:#eee;padding:.1rem .3rem}</style>
        </head><body>
        <h1>The Runnel web UI is not built</h1>
        <p>The server is running and its API answers under <code>/v1</code> (reference: <a href="/docs">/docs</a>),
        but the flow builder's files were not found. They are built from <code>web/</code> with Node.js 20 or later:</p>
        <ol>
        <li>Install Node.js and npm (on Debian: <code>apt-get install -y nodejs npm</code>).</li>
        <li>Run <code>dotnet build src/Runnel.Server</code> again (it runs <code>npm install</code> and <code>npm run build</code> in <code>web/</code>),
        or by hand: <code>cd web &amp;&amp; npm install &amp;&amp; npm run build</code>, then start the server again.</li>
        </ol>
        <p>A server started from a published folder looks for the UI in its <code>ui</code> folder, or where <code>RUNNEL_UI_DIR</code> points.</p>
        </body></html>
        """;
}
