using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Runnel.Core.Storage;

namespace Runnel.Storage.Postgres;

/// <summary>Registers the PostgreSQL store as the host's <see cref="StoreFactory"/>.</summary>
public static class PostgresServices
{
    /// <param name="services">The host's services.</param>
    /// <param name="connectionString">The database.</param>
    /// <param name="afterTriggerEvents">What to call after this node's write queued trigger events.</param>
    /// <param name="onNotify">What to call with the payload of another node's commit notification.</param>
    public static IServiceCollection AddPostgresStore(this IServiceCollection services, string connectionString,
        Func<IServiceProvider, Action> afterTriggerEvents, Func<IServiceProvider, Action<string>> onNotify) =>
        services.AddSingleton<SqlStatements>()
            .AddSingleton(new StoreFactory(sp => new PostgresStore(connectionString, afterTriggerEvents(sp),
                onNotify(sp), sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<SqlStatements>())));
}
