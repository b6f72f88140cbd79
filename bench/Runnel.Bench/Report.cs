using System.Globalization;

namespace Runnel.Bench;

/// <summary>The raw output: every line goes to the console and, with --out, to a file as well.</summary>
public sealed class Report(string? file)
{
    public void Line(FormattableString text)
    {
        var line = text.ToString(CultureInfo.InvariantCulture);
        Console.WriteLine(line);
        if (file is not null)
        {
            File.AppendAllText(file, line + Environment.NewLine);
        }
    }

    public void Section(string name)
    {
        Line($"");
        Line($"== {name} ==  (load average {LoadAverage()}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}Z)");
    }

    /// <summary>
    /// CPU per enrollment or step: the server's and its SQLite writer thread's. The writer's share is what bounds
    /// throughput (one thread applies every write); its inverse is the rate the writer could reach if it never waited
    /// for the disk or for a core, the figure to compare across runs when the machine's load differs.
    /// </summary>
    public static FormattableString CpuPer(string unit, double serverCpu, double? writerCpu, double elapsed, long count,
        string? units = null)
    {
        var n = Math.Max(1, count);
        if (writerCpu is not { } writer)
        {
            return $"CPU per {unit}: server {serverCpu / n * 1e6:F0} µs (no SQLite writer thread: PostgreSQL writes run on pool threads)";
        }

        return $"CPU per {unit}: server {serverCpu / n * 1e6:F0} µs, writer thread {writer / n * 1e6:F0} µs (writer busy {writer / elapsed * 100:F0}% of the wall time; writer CPU alone would allow {n / Math.Max(writer, 0.01):F0} {units ?? unit + "s"}/s)";
    }

    public static string LoadAverage() =>
        string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
