using System.Data.Common;
using Microsoft.Data.Sqlite;
using Runnel.Core;

namespace Runnel.Storage.Sqlite;

/// <summary>SQLite's spelling of the dialect-specific fragments.</summary>
public sealed class SqliteDialect : SqlDialect
{
    public static readonly SqliteDialect Instance = new();

    // Case-insensitive search must fold non-ASCII letters too, which SQLite's own lower() and LIKE do not: a function
    // registered on the connection folds with .NET's invariant rules.
    private const string CaseFoldFunction = "runnel_casefold";

    private SqliteDialect()
    {
    }

    /// <summary>One process owns the file: its single writer already serialises every claim.</summary>
    public override bool SharedByNodes => false;

    /// <summary>Microsoft.Data.Sqlite's async methods run synchronously; SQLite itself has no async I/O.</summary>
    public override bool AsyncIo => false;

    public override string SkipLocked => "";

    public override string Contains(string haystack, string needle) => $"instr({haystack}, {needle}) > 0";

    public override string CaseFold(string expression) => $"{CaseFoldFunction}({expression})";

    public override string Greatest(string a, string b) => $"MAX({a}, {b})";

    public override string JsonMember(string column, string member) => $"json_extract({column}, '$.{member}')";

    public override string InList(string expression, string parameter) => $"{expression} IN {parameter}";

    public override System.Collections.IEnumerable GuidList(IEnumerable<Guid> ids) => ids.Select(Ids.Format).ToArray();

    public override string IndexContactDates =>
        """
        INSERT INTO contact_dates (workspace_id, contact_id, field, day, month_day)
        SELECT @WorkspaceId, @Id, j.key, substr(j.value, 1, 10), substr(j.value, 6, 5) FROM json_each(@Fields) j
        WHERE j.type = 'text' AND j.value GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'
            AND j.key <> 'created_at'
        """;

    public override void PrepareCaseFold(DbConnection connection) =>
        ((connection as CachedConnection)?.Inner ?? (SqliteConnection)connection).CreateFunction(CaseFoldFunction,
            (string value) => value.ToLowerInvariant(), isDeterministic: true);
}
