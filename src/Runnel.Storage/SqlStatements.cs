namespace Runnel.Storage;

/// <summary>
/// How many SQL statements this process has sent to the database: every repository call plus transaction control (BEGIN,
/// COMMIT, SAVEPOINT, RELEASE). Published as <c>runnel_sql_statements_total</c> so idle cost and statements per
/// enrollment or step can be measured from outside (bench/).
/// One counter per store (a host registers one and hands it to its store), so two servers in one process count apart.
/// </summary>
public sealed class SqlStatements
{
    private long _count;

    public long Total => Interlocked.Read(ref _count);

    public void Add(int statements = 1) => Interlocked.Add(ref _count, statements);
}
