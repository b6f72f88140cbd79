using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Runnel.Server.Tests.Webhooks;

/// <summary>
/// A real HTTP server on 127.0.0.1 that records every request and answers each path with a scripted sequence of
/// statuses (then 200), so tests see exactly what a webhook receiver sees.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ScriptedAnswer>> _scripts = new();
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();

    private WebhookReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(AnswerAsync);
    }

    public int Port { get; private set; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public static WebhookReceiver Start()
    {
        var receiver = new WebhookReceiver();
        receiver._app.StartAsync().GetAwaiter().GetResult();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Port = new Uri(address).Port;
        return receiver;
    }

    /// <summary>A fresh path with its answers in order; requests beyond the script get 200.</summary>
    public string Script(params ScriptedAnswer[] answers)
    {
        var path = $"/hooks/{Guid.NewGuid():N}";
        _scripts[path] = new ConcurrentQueue<ScriptedAnswer>(answers);
        return path;
    }

    public IReadOnlyList<ReceivedWebhook> ReceivedAt(string path) => _received.Where(r => r.Path == path).ToList();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task AnswerAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var path = context.Request.Path.Value ?? "";
        _received.Enqueue(new ReceivedWebhook(context.Request.Method, path, context.Request.QueryString.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body));
        var answer = _scripts.TryGetValue(path, out var script) && script.TryDequeue(out var next)
            ? next
            : new ScriptedAnswer(200);
        context.Response.StatusCode = answer.Status;
        if (answer.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }
    }
}
