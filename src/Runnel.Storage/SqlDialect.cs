using System.Data.Common;

namespace Runnel.Storage;

/// <summary>
/// The few places where SQLite and PostgreSQL spell the same query differently. Every repository writes standard SQL
/// (ON CONFLICT, RETURNING, EXISTS) and asks the dialect only for these.
/// </summary>
public abstract class SqlDialect
{
    /// <summary>True when several processes share the database, so claims must lock rows and hold leases.</summary>
    public abstract bool SharedByNodes { get; }

    /// <summary>
    /// True when the driver does real asynchronous I/O (Npgsql), so <see cref="SqlDb"/> awaits it. False for one whose
    /// async API only wraps its blocking calls (Microsoft.Data.Sqlite): there <see cref="SqlDb"/> calls the blocking
    /// API
    /// and hands back a completed task, which spares the async machinery on SQLite's single writer thread.
    /// </summary>
    public abstract bool AsyncIo { get; }

    /// <summary>Appended to a claim's inner SELECT: rows another transaction holds are skipped, not waited for.</summary>
    public abstract string SkipLocked { get; }

    /// <summary>True when <paramref name="needle"/> occurs in <paramref name="haystack"/> (both SQL expressions).</summary>
    public abstract string Contains(string haystack, string needle);

    /// <summary>The expression folded to lower case, non-ASCII letters included.</summary>
    public abstract string CaseFold(string expression);

    /// <summary>The greater of two values.</summary>
    public abstract string Greatest(string a, string b);

    /// <summary>The text of top-level member <paramref name="member"/> of a JSON text column; NULL when absent.</summary>
    public abstract string JsonMember(string column, string member);

    /// <summary>
    /// True when <paramref name="expression"/> equals one of the values of the list parameter
    /// <paramref name="parameter"/> (an array of values; Dapper expands it where the database has no arrays).
    /// </summary>
    public abstract string InList(string expression, string parameter);

    /// <summary>
    /// The value of a list parameter of GUIDs: Dapper binds list elements without the GUID type handler, so each
    /// backend says how its ids are spelled.
    /// </summary>
    public abstract System.Collections.IEnumerable GuidList(IEnumerable<Guid> ids);

    /// <summary>
    /// Inserts a contact's calendar-date values into contact_dates: one row per string in the fields JSON
    /// (<c>@Fields</c>) that starts with yyyy-MM-dd, except created_at. Parameters: <c>@WorkspaceId</c>, <c>@Id</c>.
    /// </summary>
    public abstract string IndexContactDates { get; }

    /// <summary>Called once per connection before a query that uses <see cref="CaseFold"/>.</summary>
    public virtual void PrepareCaseFold(DbConnection connection)
    {
    }
}
