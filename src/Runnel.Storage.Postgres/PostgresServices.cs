using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Runnel.Core.Storage;

namespace Runnel.Storage.Postgres;

/// <summary>Registers the PostgreSQL store as the host's <see cref="StoreFactory"/>.</summary>
public static class PostgresServices
{
    /// <param name="services">The host's services.</param>
    /// <param name="connectionString">The database.</param>
    /// <param name="afterCommit">What to call after this node's commit made work due, with what it made due.</param>
    /// <param name="onNotify">What to call with what a commit notification (of any node) says is due.</param>
    public static IServiceCollection AddPostgresStore(this IServiceCollection services, string connectionString,
        Func<IServiceProvider, Action<DueWork>> afterCommit, Func<IServiceProvider, Action<DueWork>> onNotify) =>
        services.AddSingleton<SqlStatements>()
            .AddSingleton(new StoreFactory(sp => new PostgresStore(connectionString, afterCommit(sp),
                onNotify(sp), sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<SqlStatements>())));
}
