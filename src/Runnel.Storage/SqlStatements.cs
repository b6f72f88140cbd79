namespace Runnel.Storage;

/// <summary>
/// How many SQL statements this process has sent to the database: every repository call plus transaction control (BEGIN,
/// COMMIT, SAVEPOINT, RELEASE). Published as <c>runnel_sql_statements_total</c> so idle cost and statements per
/// enrollment or step can be measured from outside (bench/).
/// </summary>
public static class SqlStatements
{
    private static long _count;

    public static long Total => Interlocked.Read(ref _count);

    public static void Add(int statements = 1) => Interlocked.Add(ref _count, statements);
}
