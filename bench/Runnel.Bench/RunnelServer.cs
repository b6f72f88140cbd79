using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Runnel.Bench;

/// <summary>
/// A real <c>runnel</c> process (the Release build of src/Runnel.Server) on a free port with a fresh data folder,
/// plus what the benchmarks read from outside it: /metrics, RSS and CPU time from /proc.
/// </summary>
public sealed class RunnelServer : IAsyncDisposable
{
    public const string AdminKey = "rk_bench_admin_0123456789abcdef";

    private readonly Process _process;
    private readonly HttpClient _probe;

    private RunnelServer(Process process, Uri baseAddress, string dataDirectory, string? database)
    {
        Database = database;
        _process = process;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
        _probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(30) };
        _probe.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    public int ProcessId => _process.Id;

    /// <summary>The PostgreSQL database of this server (null on SQLite).</summary>
    public string? Database { get; }

    /// <summary>A client for slow control calls (the dev clock can take minutes).</summary>
    public HttpClient Control => _probe;

    /// <summary>Builds the server once per bench run (Release), so the process measured is what users run.</summary>
    public static void Build(string repoRoot)
    {
        var info = new ProcessStartInfo("dotnet", ["build", "src/Runnel.Server", "-c", "Release", "-nologo", "-v", "q"])
        {
            WorkingDirectory = repoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var build = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet build.");
        var output = build.StandardOutput.ReadToEndAsync();
        var errors = build.StandardError.ReadToEnd();
        build.WaitForExit();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException("Building src/Runnel.Server failed:\n" + output.Result + errors);
        }
    }

    /// <summary>
    /// Starts a server on its own fresh storage, or, given <paramref name="shared"/> (what
    /// <see cref="BenchBackend.ForServerAsync"/> answered), on that storage: one of several nodes of a database.
    /// </summary>
    public static async Task<RunnelServer> StartAsync(string repoRoot, BenchBackend backend, string name,
        IDictionary<string, string>? environment = null,
        (Dictionary<string, string> Environment, string? Database)? shared = null)
    {
        var (storage, database) = shared ?? await backend.ForServerAsync(name);
        var dll = Path.Combine(repoRoot, "src", "Runnel.Server", "bin", "Release", "net10.0", "runnel.dll");
        var dataDirectory = Path.Combine(Path.GetTempPath(), "runnel-bench", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDirectory);
        var baseAddress = new Uri($"http://127.0.0.1:{Ports.Free()}");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        info.Environment["RUNNEL_DATA_DIR"] = dataDirectory;
        info.Environment["RUNNEL_ADMIN_KEY"] = AdminKey;
        info.Environment["RUNNEL_RATE_LIMIT"] = "0";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in storage.Concat(environment ?? new Dictionary<string, string>()))
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start runnel.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine($"[runnel {name}] {line}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new RunnelServer(process, baseAddress, dataDirectory, database);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"runnel exited at start with code {process.ExitCode}.");
            }

            try
            {
                using var response = await server._probe.GetAsync("/readyz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("runnel did not become ready within 60 s.");
    }

    /// <summary>The server's Prometheus counters and gauges by name.</summary>
    public async Task<Dictionary<string, double>> MetricsAsync()
    {
        var text = await _probe.GetStringAsync("/metrics");
        var values = new Dictionary<string, double>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            values[line[..space]] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }

        return values;
    }

    public async Task<double> MetricAsync(string name) => (await MetricsAsync())[name];

    /// <summary>Resident set size in MiB (VmRSS of /proc/PID/status).</summary>
    public double RssMiB()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kib = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kib / 1024.0;
    }

    /// <summary>User + system CPU seconds the process has used (utime + stime of /proc/PID/stat).</summary>
    public double CpuSeconds() => ProcStat.CpuSeconds(File.ReadAllText($"/proc/{_process.Id}/stat"));

    /// <summary>
    /// User + system CPU seconds of the server's SQLite writer thread (found by its name in /proc/PID/task/*/comm,
    /// which the kernel cuts to 15 characters), or null when there is none. Unlike throughput, the writer's CPU per
    /// enrollment or step hardly moves with the load other processes put on the machine, so before/after comparisons
    /// on a shared machine read it first.
    /// </summary>
    public double? WriterCpuSeconds()
    {
        const string name = "runnel-sqlite-writer";
        foreach (var task in Directory.EnumerateDirectories($"/proc/{_process.Id}/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).Trim() == name[..15])
                {
                    return ProcStat.CpuSeconds(File.ReadAllText(Path.Combine(task, "stat")));
                }
            }
            catch (IOException)
            {
                // The thread ended between listing and reading.
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _probe.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
