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

    public static string LoadAverage() =>
        string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
