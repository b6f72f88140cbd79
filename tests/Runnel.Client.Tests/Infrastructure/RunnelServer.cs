using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Runnel.Client.Tests.Infrastructure;

/// <summary>
/// The real <c>runnel</c> server as an OS process on loopback, on an SQLite file in a temporary folder of its own,
/// with the dev clock on (tests move time instead of sleeping).
/// </summary>
public sealed class RunnelServer : IAsyncDisposable
{
    public const string AdminKey = "rk_secret_sdk_tests_admin_key_0123456789";

    private readonly Dictionary<string, string> _environment;
    private readonly StringBuilder _log = new();
    private Process? _process;

    public RunnelServer(IDictionary<string, string>? environment = null)
    {
        DataDirectory = Directory.CreateTempSubdirectory("runnel-sdk-tests-").FullName;
        Port = FreePort();
        _environment = new Dictionary<string, string>
        {
            ["RUNNEL_DATA_DIR"] = DataDirectory,
            ["RUNNEL_ADMIN_KEY"] = AdminKey,
            ["RUNNEL_RATE_LIMIT"] = "0",
            ["RUNNEL_DEV_CLOCK"] = "1",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            _environment[key] = value;
        }
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    public static async Task<RunnelServer> StartAsync(IDictionary<string, string>? environment = null)
    {
        var server = new RunnelServer(environment);
        await server.StartAsync();
        return server;
    }

    public RunnelClient Client(string apiKey = AdminKey, int maxRetries = 2, HttpMessageHandler? handler = null) =>
        handler is null
            ? new RunnelClient(Options(apiKey, maxRetries))
            : new RunnelClient(new HttpClient(handler), Options(apiKey, maxRetries));

    public RunnelClientOptions Options(string apiKey = AdminKey, int maxRetries = 2) =>
        new() { ApiKey = apiKey, BaseUrl = BaseUrl, MaxRetries = maxRetries };

    /// <summary>POST /v1/dev/clock with the admin key: answers once everything due by then has run.</summary>
    public async Task<DateTimeOffset> AdvanceClockAsync(int seconds = 0)
    {
        using var http = Raw();
        using var response = await http.PostAsync(new Uri("/v1/dev/clock", UriKind.Relative),
            new StringContent($"{{\"advance_seconds\":{seconds.ToString(CultureInfo.InvariantCulture)}}}",
                Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return DateTimeOffset.Parse(JsonNode.Parse(text)!["now"]!.GetValue<string>(), CultureInfo.InvariantCulture);
    }

    /// <summary>A plain HttpClient with the admin key, for what the SDK does not cover (the dev clock, OpenAPI).</summary>
    public HttpClient Raw()
    {
        var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return http;
    }

    public async Task<JsonObject> OpenApiAsync()
    {
        using var http = Raw();
        return JsonNode.Parse(await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file the killed process still held; the temp folder is cleaned by the OS.
        }
    }

    private async Task StartAsync()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "runnel.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(BaseUrl.ToString().TrimEnd('/'));
        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("Could not start runnel.");
        _process.OutputDataReceived += (_, e) => Log(e.Data);
        _process.ErrorDataReceived += (_, e) => Log(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"runnel exited at start with code {_process.ExitCode}:\n{LogText()}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri("/readyz", UriKind.Relative));
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

            // A process starting up has to be waited for; there is no clock to move.
            await Task.Delay(100);
        }

        throw new TimeoutException($"runnel did not become ready within 90 s:\n{LogText()}");
    }

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private string LogText()
    {
        lock (_log)
        {
            return _log.ToString();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
