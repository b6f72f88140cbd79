using System.Net;
using System.Threading.Channels;

namespace Runnel.Client.Tests.Infrastructure;

/// <summary>A loopback HTTP endpoint that records every request Runnel's webhook steps send it and answers 200.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<ReceivedWebhook> _received = Channel.CreateUnbounded<ReceivedWebhook>();
    private readonly Task _loop;

    private WebhookReceiver(int port)
    {
        Port = port;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}/{path}");

    public static WebhookReceiver Start() => new(RunnelServer.FreePort());

    /// <summary>The next request received; the dev clock call that caused it has already returned, so it is there.</summary>
    public async Task<ReceivedWebhook> NextAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _received.Reader.ReadAsync(limit.Token);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (HttpListenerException)
        {
            // Stopping the listener ends the pending GetContextAsync.
        }
        catch (ObjectDisposedException)
        {
            // Same, reported differently.
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            using var reader = new StreamReader(context.Request.InputStream, context.Request.ContentEncoding);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            context.Response.StatusCode = 200;
            context.Response.Close();
            await _received.Writer.WriteAsync(new ReceivedWebhook(context.Request.Url!.AbsolutePath, headers, body));
        }
    }
}
