namespace Runnel.Core.Storage;

/// <summary>
/// The database could not take a read or a write just now, and nothing of that call was committed: PostgreSQL's
/// connection pool stayed exhausted past its timeout, the server refused or dropped the connection (too many clients,
/// starting up, shutting down), or SQLite stayed locked by another process past its busy timeout. The caller may simply
/// try again; the HTTP edge answers <c>503 unavailable</c> with <c>Retry-After</c>. A failure whose outcome is unknown
/// (the connection lost during a COMMIT) is never reported as this.
/// </summary>
public sealed class StoreUnavailableException(string message, Exception innerException)
    : Exception(message, innerException);
