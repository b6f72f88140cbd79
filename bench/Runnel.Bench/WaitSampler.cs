using System.Globalization;
using Npgsql;

namespace Runnel.Bench;

/// <summary>
/// Samples what a database's backends are doing every 100 ms while a phase runs (<c>pg_stat_activity</c>: state and
/// wait event of every backend not idle), so the report can tell working on a core from waiting for a lock, the WAL
/// or the client. One indexed read of a small view per sample, on its own connection.
/// </summary>
public sealed class WaitSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, long> _seen = [];
    private readonly Task _loop;
    private int _samples;

    private WaitSampler(NpgsqlConnection connection, string database) => _loop = SampleAsync(connection, database);

    public static async Task<WaitSampler> StartAsync(BenchBackend backend, string database) =>
        new(await backend.OpenAsync(), database);

    /// <summary>
    /// Stops sampling and answers the mean number of backends in each state per sample, most first, e.g.
    /// <c>active/CPU 1.31, idle in transaction/Client:ClientRead 0.40, active/LWLock:WALWrite 0.22</c>; "CPU" is an
    /// active backend with no wait event (running or ready to run).
    /// </summary>
    public async Task<string> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        if (_samples == 0)
        {
            return "no samples";
        }

        var total = _seen.Values.Sum() / (double)_samples;
        return string.Create(CultureInfo.InvariantCulture,
            $"{_samples} samples, {total:F2} busy backends on average: ")
            + string.Join(", ", _seen.OrderByDescending(s => s.Value).Select(s =>
                string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value / (double)_samples:F2}")));
    }

    private async Task SampleAsync(NpgsqlConnection connection, string database)
    {
        await using var _ = connection;
        await using var command = new NpgsqlCommand(
            """
            SELECT state || '/' || COALESCE(wait_event_type || ':' || wait_event, 'CPU'), count(*)
            FROM pg_stat_activity
            WHERE datname = @database AND state IS NOT NULL AND state <> 'idle' AND pid <> pg_backend_pid()
            GROUP BY 1
            """, connection);
        command.Parameters.AddWithValue("database", database);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await using var reader = await command.ExecuteReaderAsync(_stop.Token);
                while (await reader.ReadAsync(_stop.Token))
                {
                    var key = reader.GetString(0);
                    _seen[key] = _seen.GetValueOrDefault(key) + reader.GetInt64(1);
                }

                _samples++;
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }
}
