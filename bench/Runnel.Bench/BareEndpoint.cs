using System.Net;

namespace Runnel.Bench;

/// <summary>
/// The machine's HTTP ceiling: a bare Kestrel app on its own port that answers the trigger route with a fixed
/// trigger-shaped JSON body (reading the request body, no I/O, no auth, no database), hit by the same load generator.
/// </summary>
public sealed class BareEndpoint : IAsyncDisposable
{
    private const string Answer = """
        {"id":"019a4a4e-7c1f-7d6e-9c55-0b1f6f7b2a10","status":"started","flow_id":"019a4a4e-7c1f-7d6e-9c55-0b1f6f7b2a11","flow_name":"Bench enroll","contact_id":"019a4a4e-7c1f-7d6e-9c55-0b1f6f7b2a12"}
        """;

    private readonly WebApplication _app;

    private BareEndpoint(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<BareEndpoint> StartAsync()
    {
        var port = Ports.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapPost("/v1/flows/{id}/trigger", async (HttpContext context) =>
        {
            // Read the body as the real endpoint must, then answer without touching anything.
            using var reader = new StreamReader(context.Request.Body);
            await reader.ReadToEndAsync(context.RequestAborted);
            return Results.Text(Answer, "application/json", statusCode: (int)HttpStatusCode.Created);
        });
        await app.StartAsync();
        return new BareEndpoint(app, new Uri($"http://127.0.0.1:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
