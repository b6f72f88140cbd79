using System.Globalization;

namespace Runnel.Bench;

/// <summary>Command line: <c>all|enroll|drain|timers|idle|email|sms|peers|scale [--name value …]</c>.</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/Runnel.Bench -- <part> [options]
          parts: all | enroll | drain | timers | idle | email | sms | peers | scale   (several may be given:
                 enroll drain; all = every part but peers and scale)
          --backend sqlite|postgres   storage to measure (default sqlite); postgres starts a throwaway PostgreSQL 15
          --pg CONNSTRING             with postgres: an admin Npgsql connection string to use instead (a database
                                      is created per server and dropped at the end)
          --connections N             concurrent HTTP connections of the load generator (default 64)
          --duration S                seconds of each timed HTTP load (default 30)
          --batch-connections N       enroll: callers of the batch trigger, 1,000 recipients per call (default 4)
          --drain-members N           members due at once in the drain (default 100000; scale: 30000)
          --scale-nodes LIST          scale: node counts to measure, each on a fresh database (default 1,2,3)
          --waiting N                 members parked in a long wait during the timer run (default 200000)
          --timer-rate N              timers falling due per second (default 1000)
          --timer-seconds S           seconds over which timers fall due (default 60)
          --idle-seconds S            seconds of the idle measurement (default 30)
          --emails N                  emails delivered to the local SMTP sink (default 5000)
          --sms-conversations N       conversations waiting for a reply when the measured replies start (default 10000)
          --sms-replies N             measured inbound replies, one per conversation (default: all conversations)
          --sms-rate N                inbound replies per second, open schedule, after 5 s of warm-up (default 500)
          --peer-jobs N               peers: jobs due at once on Quartz.NET (sqlite) or Hangfire (postgres), each
                                      chaining one more (default 10000)
          --peer-workers N            peers: Quartz.NET's thread pool / Hangfire's WorkerCount (default: each
                                      library's own default, 10 and min(5 x cores, 20))
          --out FILE                  also append the raw output to FILE
        """;

    public IReadOnlyList<string> Parts { get; init; } = [];

    public string Backend { get; init; } = "sqlite";

    public int Connections { get; init; } = 64;

    public int DurationSeconds { get; init; } = 30;

    /// <summary>Callers of the batch trigger in the enroll part, each with one call of 1,000 recipients in flight.</summary>
    public int BatchConnections { get; init; } = 4;

    /// <summary>Members due at once; null = each part's default (drain 100,000, scale 30,000).</summary>
    public int? DrainMembers { get; init; }

    /// <summary>The scale part's node counts, each measured on a fresh database.</summary>
    public IReadOnlyList<int> ScaleNodes { get; init; } = [1, 2, 3];

    public int Waiting { get; init; } = 200_000;

    public int TimerRate { get; init; } = 1_000;

    public int TimerSeconds { get; init; } = 60;

    public int IdleSeconds { get; init; } = 30;

    public int Emails { get; init; } = 5_000;

    public int SmsConversations { get; init; } = 10_000;

    /// <summary>Replies to send; null = one to every conversation.</summary>
    public int? SmsReplies { get; init; }

    public int SmsRate { get; init; } = 500;
    public int PeerJobs { get; init; } = 10_000;

    /// <summary>The peer's worker count; null = the library's own default.</summary>
    public int? PeerWorkers { get; init; }

    public string? OutFile { get; init; }

    /// <summary>An admin Npgsql connection string for <c>--backend postgres</c>; null = start a throwaway server.</summary>
    public string? Pg { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var parts = new List<string>();
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                parts.Add(arg);
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{arg} needs a value.");
            }

            var value = args[++i];
            options = arg switch
            {
                "--backend" => options with { Backend = value },
                "--connections" => options with { Connections = Int(arg, value) },
                "--duration" => options with { DurationSeconds = Int(arg, value) },
                "--batch-connections" => options with { BatchConnections = Int(arg, value) },
                "--drain-members" => options with { DrainMembers = Int(arg, value) },
                "--waiting" => options with { Waiting = Int(arg, value) },
                "--timer-rate" => options with { TimerRate = Int(arg, value) },
                "--timer-seconds" => options with { TimerSeconds = Int(arg, value) },
                "--idle-seconds" => options with { IdleSeconds = Int(arg, value) },
                "--emails" => options with { Emails = Int(arg, value) },
                "--sms-conversations" => options with { SmsConversations = Int(arg, value) },
                "--sms-replies" => options with { SmsReplies = Int(arg, value) },
                "--sms-rate" => options with { SmsRate = Int(arg, value) },
                "--peer-jobs" => options with { PeerJobs = Int(arg, value) },
                "--peer-workers" => options with { PeerWorkers = Int(arg, value) },
                "--scale-nodes" => options with { ScaleNodes = [.. value.Split(',').Select(v => Int(arg, v))] },
                "--out" => options with { OutFile = value },
                "--pg" => options with { Pg = value },
                _ => throw new ArgumentException($"Unknown option {arg}."),
            };
        }

        string[] known = ["all", "enroll", "drain", "timers", "idle", "email", "sms", "peers", "scale"];
        if (parts.Count == 0 || parts.Any(p => !known.Contains(p)))
        {
            throw new ArgumentException("Name at least one part: " + string.Join(", ", known) + ".");
        }

        // "all" is Runnel's own parts on one node; peers runs the drain again beside another library's, and scale runs it
        // on several nodes, so they are asked for by name.
        string[] byName = ["peers", "scale"];
        return options with
        {
            Parts = parts.Contains("all")
                ? [.. known[1..^byName.Length], .. byName.Where(parts.Contains)]
                : parts,
        };
    }

    private static int Int(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} needs a positive whole number, not '{value}'.");
}
