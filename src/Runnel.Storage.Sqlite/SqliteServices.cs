using Microsoft.Extensions.DependencyInjection;
using Runnel.Core.Storage;

namespace Runnel.Storage.Sqlite;

/// <summary>Registers the SQLite store as the host's <see cref="StoreFactory"/>.</summary>
public static class SqliteServices
{
    /// <param name="services">The host's services.</param>
    /// <param name="databasePath">The database file.</param>
    /// <param name="afterTriggerEvents">What to call after a write that queued trigger events.</param>
    public static IServiceCollection AddSqliteStore(this IServiceCollection services, string databasePath,
        Func<IServiceProvider, Action> afterTriggerEvents) =>
        services.AddSingleton<SqlStatements>()
            .AddSingleton(new StoreFactory(sp => new SqliteStore(databasePath, afterTriggerEvents(sp),
                sp.GetRequiredService<SqlStatements>())));
}
