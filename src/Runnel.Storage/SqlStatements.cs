namespace Runnel.Storage;

/// <summary>
/// How many SQL statements this process has sent to the database: every repository call plus transaction control (BEGIN,
/// COMMIT, SAVEPOINT, RELEASE). Published as <c>runnel_sql_statements_total</c> so idle cost and statements per
/// enrollment or step can be measured from outside (bench/).
/// Beside it, the write transactions committed (<c>runnel_store_commits_total</c>: with group commit, many writes share
/// one), the writes run again after clashing with a concurrent transaction (<c>runnel_store_write_retries_total</c>),
/// and the reads and writes refused because the database was unavailable (<c>runnel_store_unavailable_total</c>).
/// One counter per store (a host registers one and hands it to its store), so two servers in one process count apart.
/// </summary>
public sealed class SqlStatements
{
    private long _count;
    private long _commits;
    private long _retries;
    private long _unavailable;

    public long Total => Interlocked.Read(ref _count);

    /// <summary>Write transactions committed.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Writes rolled back after a clash with a concurrent transaction and queued to run again.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Reads and writes failed as <see cref="Core.Storage.StoreUnavailableException"/>.</summary>
    public long Unavailable => Interlocked.Read(ref _unavailable);

    public void Add(int statements = 1) => Interlocked.Add(ref _count, statements);

    public void Committed() => Interlocked.Increment(ref _commits);

    public void Retried() => Interlocked.Increment(ref _retries);

    public void Refused(int calls) => Interlocked.Add(ref _unavailable, calls);
}
