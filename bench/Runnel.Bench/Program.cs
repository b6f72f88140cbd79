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

if (options.Backend != "sqlite")
{
    Console.Error.WriteLine(options.Backend == "postgres"
        ? "--backend postgres: Runnel has no PostgreSQL store yet (the server refuses PostgreSQL URLs). Only sqlite can be measured today."
        : $"--backend {options.Backend}: unknown backend; use sqlite (postgres once it exists).");
    return 2;
}

var repoRoot = FindRepoRoot();
// dotnet run starts the program in the project folder; a relative --out means relative to where the user typed it.
var outFile = options.OutFile is { } file
    ? Path.GetFullPath(file, Environment.GetEnvironmentVariable("PWD") ?? repoRoot)
    : null;
var report = new Report(outFile);
report.Line($"runnel bench {string.Join(' ', args)}");
report.Line($"backend sqlite (synchronous=FULL, WAL); {Environment.ProcessorCount} cores; {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; .NET {Environment.Version}; load average {Report.LoadAverage()}");
RunnelServer.Build(repoRoot);

foreach (var part in options.Parts)
{
    switch (part)
    {
        case "enroll":
            await EnrollBenchmark.RunAsync(options, report, repoRoot);
            break;
        case "drain":
            await DrainBenchmark.RunAsync(options, report, repoRoot);
            break;
        case "timers":
            await TimerBenchmark.RunAsync(options, report, repoRoot, measureIdle: options.Parts.Contains("idle"));
            break;
        case "idle" when !options.Parts.Contains("timers"):
            await IdleBenchmark.RunAsync(options, report, repoRoot);
            break;
        case "email":
            await EmailBenchmark.RunAsync(options, report, repoRoot);
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
