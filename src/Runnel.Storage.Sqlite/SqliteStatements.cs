namespace Runnel.Storage.Sqlite;

/// <summary>
/// How many SQL statements this process has sent to SQLite: every repository call plus transaction control (BEGIN,
/// COMMIT, SAVEPOINT, RELEASE). Published as <c>runnel_sql_statements_total</c> so idle cost and statements per
/// enrollment or step can be measured from outside (bench/).
/// </summary>
public static class SqliteStatements
{
    private static long _count;

    public static long Total => Interlocked.Read(ref _count);

    internal static void Add(int statements = 1) => Interlocked.Add(ref _count, statements);
}
