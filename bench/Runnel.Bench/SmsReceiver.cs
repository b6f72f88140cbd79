using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Runnel.Bench;

/// <summary>
/// The generic SMS provider of docs/sms.md, played by a bare Kestrel app in the bench process: it takes
/// <c>POST {to, from, text, media_url, message_id}</c>, notes when each (to, text) first arrived
/// (<see cref="Stopwatch.GetTimestamp"/>, the clock the bench stamps its inbound replies with) and answers 200 at once.
/// The signature is not checked: only the timing is of interest, and the server signs every message the same way.
/// </summary>
public sealed class SmsReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<(string To, string Text), long> _arrivals = new();
    private readonly ConcurrentDictionary<string, int> _recipients = new();
    private long _received;
    private long _repeats;

    private SmsReceiver(WebApplication app) => _app = app;

    /// <summary>The URL to give runnel as <c>RUNNEL_SMS_URL</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Messages received, repeats included.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Messages whose (to, text) had arrived before: the provider saw a resend.</summary>
    public long Repeats => Interlocked.Read(ref _repeats);

    public static async Task<SmsReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new SmsReceiver(app);
        app.MapPost("/sms", async (HttpContext context) =>
        {
            using var json = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var arrived = Stopwatch.GetTimestamp();
            var to = json.RootElement.GetProperty("to").GetString() ?? "";
            var text = json.RootElement.GetProperty("text").GetString() ?? "";
            receiver.Record(to, text, arrived);
            return Results.Text("{}", "application/json");
        });
        await app.StartAsync();
        // Port 0: Kestrel picks a free port and lists the address it bound.
        var address = app.Urls.Single();
        receiver.Url = new Uri($"{address.TrimEnd('/')}/sms");
        return receiver;
    }

    /// <summary>When the first message with this text reached <paramref name="to"/> (a Stopwatch timestamp), if one did.</summary>
    public long? ArrivedAt(string to, string text) => _arrivals.TryGetValue((to, text), out var at) ? at : null;

    /// <summary>How many distinct recipients got <paramref name="text"/>.</summary>
    public int CountOf(string text) => _recipients.GetValueOrDefault(text);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Record(string to, string text, long arrived)
    {
        Interlocked.Increment(ref _received);
        if (_arrivals.TryAdd((to, text), arrived))
        {
            _recipients.AddOrUpdate(text, 1, (_, n) => n + 1);
        }
        else
        {
            Interlocked.Increment(ref _repeats);
        }
    }
}
