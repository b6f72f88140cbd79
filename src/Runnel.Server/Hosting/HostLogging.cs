using Microsoft.Extensions.Configuration.Memory;
using Npgsql;

namespace Runnel.Server.Hosting;

/// <summary>
/// What the log shows by default: the engine's own events at <c>info</c>, ASP.NET's per-request lines (about ten for
/// every request) only when asked for, and first of all where this server keeps its data and where it listens.
/// </summary>
public static partial class HostLogging
{
    /// <summary>
    /// The ASP.NET categories at <c>Warning</c>, as the lowest-priority configuration source, so that
    /// <c>Logging:LogLevel:Microsoft.AspNetCore</c> in appsettings.json, the environment
    /// (<c>Logging__LogLevel__Microsoft.AspNetCore</c>) or the command line still wins.
    /// </summary>
    public static void ApplyDefaults(WebApplicationBuilder builder) =>
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = [new("Logging:LogLevel:Microsoft.AspNetCore", "Warning")],
        });

    public static void LogStartup(WebApplication app, RunnelOptions options)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Runnel.Startup");
        var database = options.PostgresConnectionString is { } postgres ? Describe(postgres) : options.DatabasePath;
        var secretKey = options.SecretKey is null
            ? Path.Combine(options.DataDirectory, SecretKeyFile.FileName)
            : "RUNNEL_SECRET_KEY";
        DataFolder(logger, options.DataDirectory, database, secretKey);
        var mode = options.DevClock ? " (test mode: RUNNEL_DEV_CLOCK=1)" : "";
        Listening(logger, app.Configuration["urls"] ?? RunnelOptions.DefaultUrl, mode);
    }

    /// <summary>Host, port and database of a PostgreSQL connection string: never its password.</summary>
    private static string Describe(string connectionString)
    {
        var parsed = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL {parsed.Host}:{parsed.Port}/{parsed.Database}";
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information,
        Message = "Data folder {DataFolder}: database {Database}, secret key {SecretKey} (back them up together)")]
    private static partial void DataFolder(ILogger logger, string dataFolder, string database, string secretKey);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Listening on {Urls}{Mode}; API reference at /docs")]
    private static partial void Listening(ILogger logger, string urls, string mode);
}
