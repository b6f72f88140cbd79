using System.Diagnostics;
using System.Net.Http.Headers;

namespace Runnel.Bench;

/// <summary>
/// The HTTP load generator: <c>connections</c> workers, each with at most one request in flight, over one HttpClient
/// whose SocketsHttpHandler keeps that many keep-alive connections (MaxConnectionsPerServer). Closed loop: a worker
/// sends its next request when the previous one answered, so the figure is the server's throughput at that
/// concurrency. Optionally paced to a fixed rate (open schedule, for the timer benchmark's seeding).
/// </summary>
public sealed class LoadGenerator : IDisposable
{
    private readonly HttpClient _client;
    private readonly int _connections;

    public LoadGenerator(Uri baseAddress, int connections, string? bearer = null)
    {
        _connections = connections;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        _client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (bearer is not null)
        {
            _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
    }

    /// <summary>
    /// Sends requests made by <paramref name="request"/> (given a unique index from 0) until <paramref name="duration"/>
    /// passes or <paramref name="count"/> requests were sent, whichever is first. With <paramref name="rate"/>, request i
    /// is not sent before start + i / rate. <paramref name="answered"/> sees every answer (index, status, body).
    /// </summary>
    public async Task<LoadResult> RunAsync(Func<long, HttpRequestMessage> request, TimeSpan? duration = null,
        long count = long.MaxValue, double? rate = null, Action<long, int, string>? answered = null)
    {
        long next = -1;
        var clock = Stopwatch.StartNew();
        var deadline = duration ?? TimeSpan.MaxValue;
        var workers = new Task<WorkerResult>[_connections];
        for (var w = 0; w < _connections; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                var result = new WorkerResult();
                while (true)
                {
                    var index = Interlocked.Increment(ref next);
                    if (index >= count || clock.Elapsed >= deadline)
                    {
                        return result;
                    }

                    if (rate is { } perSecond)
                    {
                        var due = TimeSpan.FromSeconds(index / perSecond);
                        if (due > clock.Elapsed)
                        {
                            await Task.Delay(due - clock.Elapsed);
                        }
                    }

                    var started = clock.Elapsed;
                    try
                    {
                        using var message = request(index);
                        using var response = await _client.SendAsync(message);
                        var body = await response.Content.ReadAsStringAsync();
                        result.Latencies.Add((clock.Elapsed - started).TotalMilliseconds);
                        var status = (int)response.StatusCode;
                        result.Statuses[status] = result.Statuses.GetValueOrDefault(status) + 1;
                        answered?.Invoke(index, status, body);
                    }
                    catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
                    {
                        result.Failures++;
                    }
                }
            });
        }

        var results = await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        var latencies = results.SelectMany(r => r.Latencies).ToArray();
        Array.Sort(latencies);
        var statuses = new SortedDictionary<int, long>();
        foreach (var (status, n) in results.SelectMany(r => r.Statuses))
        {
            statuses[status] = statuses.GetValueOrDefault(status) + n;
        }

        return new LoadResult(elapsed, latencies, statuses, results.Sum(r => r.Failures));
    }

    public void Dispose() => _client.Dispose();

    private sealed class WorkerResult
    {
        public List<double> Latencies { get; } = new(1 << 16);

        public Dictionary<int, long> Statuses { get; } = [];

        public long Failures { get; set; }
    }
}
