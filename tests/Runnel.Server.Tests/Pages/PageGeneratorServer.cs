using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Runnel.Server.Tests.Pages;

/// <summary>
/// An operator's page generator as a real HTTP server on 127.0.0.1: records every request body and answers from a
/// script of (status, JSON body) pairs, then with the fallback answer.
/// </summary>
public sealed class PageGeneratorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, string Body)> _script = new();
    private readonly ConcurrentQueue<string> _received = new();

    private PageGeneratorServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(AnswerAsync);
    }

    public int Port { get; private set; }

    public string Url => $"http://127.0.0.1:{Port}/generate";

    /// <summary>The answer once the script is used up.</summary>
    public (int Status, string Body) Fallback { get; set; } = (200, """{"html":"<p>generated</p>"}""");

    public IReadOnlyList<string> Received => _received.ToList();

    public static PageGeneratorServer Start()
    {
        var server = new PageGeneratorServer();
        server._app.StartAsync().GetAwaiter().GetResult();
        server.Port = new Uri(server._app.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        return server;
    }

    public void Script(params (int Status, string Body)[] answers)
    {
        _script.Clear();
        _received.Clear();
        foreach (var answer in answers)
        {
            _script.Enqueue(answer);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task AnswerAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        _received.Enqueue(await reader.ReadToEndAsync());
        var (status, body) = _script.TryDequeue(out var next) ? next : Fallback;
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }
}
