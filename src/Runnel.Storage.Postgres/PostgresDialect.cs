namespace Runnel.Storage.Postgres;

/// <summary>PostgreSQL's spelling of the dialect-specific fragments.</summary>
public sealed class PostgresDialect : SqlDialect
{
    public static readonly PostgresDialect Instance = new();

    private PostgresDialect()
    {
    }

    /// <summary>Many runnel processes may share one database: claims lock rows and hold leases.</summary>
    public override bool SharedByNodes => true;

    /// <summary>Npgsql's async API does non-blocking socket I/O.</summary>
    public override bool AsyncIo => true;

    public override string SkipLocked => " FOR UPDATE SKIP LOCKED";

    public override string Contains(string haystack, string needle) => $"strpos({haystack}, {needle}) > 0";

    // lower() folds by the database's LC_CTYPE; with a UTF-8 locale (docs/postgres.md) that includes non-ASCII letters.
    public override string CaseFold(string expression) => $"lower({expression})";

    public override string Greatest(string a, string b) => $"GREATEST({a}, {b})";

    public override string JsonMember(string column, string member) => $"({column}::jsonb ->> '{member}')";

    // Dapper passes a list parameter to Npgsql as one array rather than expanding it into a list of parameters.
    public override string InList(string expression, string parameter) => $"{expression} = ANY({parameter})";

    public override System.Collections.IEnumerable GuidList(IEnumerable<Guid> ids) => ids.ToArray();

    public override string IndexContactDates =>
        """
        INSERT INTO contact_dates (workspace_id, contact_id, field, day, month_day)
        SELECT @WorkspaceId, @Id, j.key, substr(j.value, 1, 10), substr(j.value, 6, 5)
        FROM jsonb_each_text(@Fields::jsonb) j
        WHERE jsonb_typeof(@Fields::jsonb -> j.key) = 'string' AND j.value ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]'
            AND j.key <> 'created_at'
        """;

}
