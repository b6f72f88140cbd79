using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Runnel.Server.Tests.Infrastructure;

/// <summary>
/// The real <c>runnel</c> server as a separate OS process, for tests that must kill it (kill -9) and start it again
/// on the same database (the data folder's file, or its PostgreSQL database: <see cref="TestBackend"/>).
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private Process? _process;

    public ServerProcess(string dataDirectory, IDictionary<string, string>? environment = null)
    {
        DataDirectory = dataDirectory;
        Port = FreePort();
        _environment = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["RUNNEL_DATA_DIR"] = dataDirectory,
            ["RUNNEL_ADMIN_KEY"] = RunnelFactory.AdminKey,
            ["RUNNEL_RATE_LIMIT"] = "0",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (TestBackend.DatabaseFor(dataDirectory) is { } database)
        {
            _environment["RUNNEL_DATABASE"] = database;
            _environment.TryAdd("RUNNEL_SECRET_KEY", TestBackend.SecretKey);
        }
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "runnel.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("Could not start runnel.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"runnel exited at start with code {_process.ExitCode}.");
            }

            try
            {
                using var response = await probe.GetAsync("/readyz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            // A real process has to be waited for; there is no clock to move.
            await Task.Delay(100);
        }

        throw new TimeoutException("runnel did not become ready within 60 s.");
    }

    /// <summary>SIGSTOP: the process freezes mid-instruction, holding whatever it claimed — a long GC or VM pause.</summary>
    public Task PauseAsync() => SignalAsync("STOP");

    /// <summary>SIGCONT: the frozen process carries on where it stopped, unaware time passed.</summary>
    public Task ResumeAsync() => SignalAsync("CONT");

    /// <summary>SIGKILL: no shutdown hooks, no flushing — what a crash or an OOM kill looks like.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>
    /// A kill test's load: runs <paramref name="call"/> with 0, 1, 2 … until <paramref name="stop"/> is cancelled or the
    /// server goes away under it.
    /// </summary>
    public static Task LoadUntilStoppedAsync(Func<int, Task> call, CancellationToken stop) => Task.Run(async () =>
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            try
            {
                await call(i);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException)
            {
                return;
            }
        }
    }, CancellationToken.None);

    public HttpClient Client(string key = RunnelFactory.AdminKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private async Task SignalAsync(string signal)
    {
        var process = _process ?? throw new InvalidOperationException("Not started.");
        using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("Could not run kill.");
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {process.Id} exited with {kill.ExitCode}.");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
