using System.Globalization;

namespace Runnel.Bench;

/// <summary>CPU time and parentage of processes, read from <c>/proc/PID/stat</c> (USER_HZ = 100).</summary>
public static class ProcStat
{
    /// <summary>User + system CPU seconds of a process or thread, from the text of its stat file.</summary>
    public static double CpuSeconds(string stat, bool withReapedChildren = false)
    {
        var fields = Fields(stat);
        var ticks = Long(fields[11]) + Long(fields[12]) + (withReapedChildren ? Long(fields[13]) + Long(fields[14]) : 0);
        return ticks / 100.0;
    }

    /// <summary>
    /// User + system CPU seconds of a process and every process it started: its own, what its exited children left
    /// it (cutime + cstime), and its live children's. For a PostgreSQL postmaster that is the whole server: backends,
    /// WAL writer, checkpointer, autovacuum workers that came and went. Null when the process is not on this machine.
    /// </summary>
    public static double? TreeCpuSeconds(int pid)
    {
        if (Read(pid) is not { } own)
        {
            return null;
        }

        var total = CpuSeconds(own, withReapedChildren: true);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var child)
                && Read(child) is { } stat && Long(Fields(stat)[1]) == pid)
            {
                total += CpuSeconds(stat);
            }
        }

        return total;
    }

    /// <summary>The parent process id, or null when the process is not on this machine.</summary>
    public static int? ParentOf(int pid) => Read(pid) is { } stat ? (int)Long(Fields(stat)[1]) : null;

    private static string? Read(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Gone between listing and reading, or not ours to read.
            return null;
        }
    }

    /// <summary>The fields after the command name, which is in parentheses and may contain spaces: [0] is the state.</summary>
    private static string[] Fields(string stat) => stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

    private static long Long(string value) => long.Parse(value, CultureInfo.InvariantCulture);
}
