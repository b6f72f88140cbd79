using Runnel.Bench;

// Runnel's benchmarks: real runnel processes measured from outside. See bench/README.md.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

if (options.Backend is not ("sqlite" or "postgres"))
{
    Console.Error.WriteLine($"--backend {options.Backend}: unknown backend; use sqlite or postgres.");
    return 2;
}

var repoRoot = FindRepoRoot();
// dotnet run starts the program in the project folder; a relative --out means relative to where the user typed it.
var outFile = options.OutFile is { } file
    ? Path.GetFullPath(file, Environment.GetEnvironmentVariable("PWD") ?? repoRoot)
    : null;
var report = new Report(outFile);
// The --pg connection string may hold a password: the raw output names the option, not its value.
report.Line($"runnel bench {string.Join(' ', args.Select((arg, i) => i > 0 && args[i - 1] == "--pg" ? "<connection string>" : arg))}");
await using var backend = options.Backend == "postgres" ? BenchBackend.Postgres(options.Pg) : BenchBackend.Sqlite();
report.Line($"{await backend.DescribeAsync()}; {Environment.ProcessorCount} cores; {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; .NET {Environment.Version}; load average {Report.LoadAverage()}");
RunnelServer.Build(repoRoot);

foreach (var part in options.Parts)
{
    switch (part)
    {
        case "enroll":
            await EnrollBenchmark.RunAsync(options, report, repoRoot, backend);
            break;
        case "drain":
            await DrainBenchmark.RunAsync(options, report, repoRoot, backend);
            break;
        case "timers":
            await TimerBenchmark.RunAsync(options, report, repoRoot, backend, measureIdle: options.Parts.Contains("idle"));
            break;
        case "idle" when !options.Parts.Contains("timers"):
            await IdleBenchmark.RunAsync(options, report, repoRoot, backend);
            break;
        case "email":
            await EmailBenchmark.RunAsync(options, report, repoRoot, backend);
            break;
        case "peers":
            await PeersBenchmark.RunAsync(options, report, repoRoot, backend);
            break;
        case "sms":
            await SmsBenchmark.RunAsync(options, report, repoRoot, backend);
            break;
        case "scale":
            await ScaleBenchmark.RunAsync(options, report, repoRoot, backend);
            break;
    }
}

return 0;

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Runnel.slnx")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Run the bench from inside the Runnel repository (Runnel.slnx not found).");
}
