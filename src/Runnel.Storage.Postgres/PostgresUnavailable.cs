using System.Net.Sockets;
using Npgsql;

namespace Runnel.Storage.Postgres;

/// <summary>
/// Which Npgsql failures mean "the database cannot take this call right now" rather than "this call is wrong": no
/// connection to be had, or the one in use lost. Such a failure before COMMIT was sent leaves nothing committed, so the
/// store reports it as <see cref="Core.Storage.StoreUnavailableException"/> and the caller may try again.
/// </summary>
internal static class PostgresUnavailable
{
    // The server refused the connection, or ended it: too many clients (53300, and 53400 for a role's or database's
    // connection limit), out of resources (53000, 53200), starting up or in recovery (57P03), shutting down or
    // terminated by an administrator (57P01, 57P02), idle-session timeout (57P05), and class 08, connection exceptions
    // (but not 08P01, a protocol violation, which is a bug). Disk full (53100) is left out: it lasts until an operator
    // acts, so it stays a 500 that alerts.
    private static readonly HashSet<string> SqlStates =
    [
        PostgresErrorCodes.InsufficientResources, PostgresErrorCodes.OutOfMemory,
        PostgresErrorCodes.TooManyConnections, PostgresErrorCodes.ConfigurationLimitExceeded,
        PostgresErrorCodes.CannotConnectNow, PostgresErrorCodes.AdminShutdown, PostgresErrorCodes.CrashShutdown,
        "57P05",
        PostgresErrorCodes.ConnectionException, PostgresErrorCodes.ConnectionDoesNotExist,
        PostgresErrorCodes.ConnectionFailure, PostgresErrorCodes.SqlClientUnableToEstablishSqlConnection,
        PostgresErrorCodes.SqlServerRejectedEstablishmentOfSqlConnection,
    ];

    /// <summary>
    /// True for a server refusal above, and for Npgsql's own failures caused by a time-out or the network: the pool
    /// exhausted past its <c>Timeout</c> ("The connection pool has been exhausted…", a <see cref="TimeoutException"/>
    /// inside), a connection attempt timed out or refused, a connection broken mid-command, a command time-out.
    /// </summary>
    public static bool Is(Exception error) => error switch
    {
        PostgresException server => SqlStates.Contains(server.SqlState),
        NpgsqlException { InnerException: { } inner } =>
            inner is TimeoutException or IOException or SocketException || Is(inner),
        _ => false,
    };
}
