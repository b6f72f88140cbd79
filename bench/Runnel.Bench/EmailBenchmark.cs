using System.Diagnostics;

namespace Runnel.Bench;

/// <summary>
/// Email delivery: N contacts enter a flow whose one step sends an approved email, with RUNNEL_SMTP_URL pointing at the
/// local SMTP sink of scripts/smtp_sink.py (Debian's python3-aiosmtpd, installed if missing), which writes each
/// accepted message to a file. Messages/s from the first enrollment to the last accepted message.
/// </summary>
public static class EmailBenchmark
{
    public static async Task RunAsync(BenchOptions options, Report report, string repoRoot, BenchBackend backend)
    {
        var n = options.Emails;
        report.Section($"email: {n} messages to a local SMTP sink");
        EnsureAiosmtpd();
        var folder = Path.Combine(Path.GetTempPath(), "runnel-bench", $"smtp-{Guid.NewGuid():N}");
        var port = Ports.Free();
        using var sink = StartSink(repoRoot, port, folder);
        try
        {
            await using var server = await RunnelServer.StartAsync(repoRoot, backend, "email",
                new Dictionary<string, string> { ["RUNNEL_SMTP_URL"] = $"smtp://127.0.0.1:{port}" });
            var api = new RunnelApi(server.Control);
            var emailId = await api.ApprovedEmailAsync("Benchmark message");
            var flowId = await api.ActiveFlowAsync("Bench email", $$"""
                {"triggers":[{"type":"api"}],
                 "steps":[{"step_id":"mail","type":"send_email","email_id":"{{emailId}}"}]}
                """);
            using var load = new LoadGenerator(server.BaseAddress, options.Connections, RunnelServer.AdminKey);
            var clock = Stopwatch.StartNew();
            var enrolled = await load.RunAsync(i => RunnelApi.Trigger(flowId, $"mail{i}@bench.test"), count: n);
            report.Line($"enrolling {n}: {enrolled.Summary(201)}");
            var delivered = 0;
            while ((delivered = Directory.EnumerateFiles(folder, "*.eml").Count()) < n)
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(15))
                {
                    break;
                }

                await Task.Delay(100);
            }

            var elapsed = clock.Elapsed.TotalSeconds;
            report.Line($"{delivered} of {n} messages accepted by the sink {elapsed:F1} s after the first enrollment = {delivered / elapsed:F0} messages/s ({delivered / (elapsed - enrolled.Elapsed.TotalSeconds):F0}/s counted from the last 201)");
        }
        finally
        {
            sink.Kill();
            sink.WaitForExit();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void EnsureAiosmtpd()
    {
        if (Run("/usr/bin/python3", "-c", "import aiosmtpd") == 0)
        {
            return;
        }

        if (Run("apt-get", "install", "-y", "-qq", "python3-aiosmtpd") != 0
            && (Run("apt-get", "update", "-qq") != 0 || Run("apt-get", "install", "-y", "-qq", "python3-aiosmtpd") != 0))
        {
            throw new InvalidOperationException("python3-aiosmtpd is missing and apt-get could not install it.");
        }
    }

    private static Process StartSink(string repoRoot, int port, string folder)
    {
        var info = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(repoRoot, "scripts", "smtp_sink.py"));
        info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add(folder);
        var sink = Process.Start(info) ?? throw new InvalidOperationException("Could not start the SMTP sink.");
        if (sink.StandardOutput.ReadLine() != "listening")
        {
            throw new InvalidOperationException("The SMTP sink did not start.");
        }

        return sink;
    }

    private static int Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
