using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Runnel.Core.Storage;

namespace Runnel.Storage.Sqlite;

/// <summary>Registers the SQLite store as the host's <see cref="StoreFactory"/>.</summary>
public static class SqliteServices
{
    /// <param name="services">The host's services.</param>
    /// <param name="databasePath">The database file.</param>
    /// <param name="afterCommit">What to call after a commit that made work due, with what it made due.</param>
    public static IServiceCollection AddSqliteStore(this IServiceCollection services, string databasePath,
        Func<IServiceProvider, Action<DueWork>> afterCommit) =>
        services.AddSingleton<SqlStatements>()
            .AddSingleton(new StoreFactory(sp => new SqliteStore(databasePath, afterCommit(sp),
                sp.GetRequiredService<SqlStatements>(), sp.GetRequiredService<ILogger<SqliteStore>>())));
}
