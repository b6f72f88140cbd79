using Microsoft.Extensions.Configuration.Memory;
using Npgsql;
using Runnel.Core.Diagnostics;

namespace Runnel.Server.Hosting;

/// <summary>
/// What the log shows by default: the engine's own events at <c>info</c>, ASP.NET's per-request lines (about ten for
/// every request) only when asked for, and first of all where this server keeps its data and where it listens.
/// </summary>
public static class HostLogging
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
        logger.DataFolder(options.DataDirectory, database, secretKey);
        var mode = options.DevClock ? " (test mode: RUNNEL_DEV_CLOCK=1)" : "";
        logger.Listening(app.Configuration["urls"] ?? RunnelOptions.DefaultUrl, mode);
    }

    /// <summary>Host, port and database of a PostgreSQL connection string: never its password.</summary>
    private static string Describe(string connectionString)
    {
        var parsed = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL {parsed.Host}:{parsed.Port}/{parsed.Database}";
    }
}
