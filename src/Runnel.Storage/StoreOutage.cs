using Microsoft.Extensions.Logging;
using Runnel.Core.Diagnostics;
using Runnel.Core.Storage;

namespace Runnel.Storage;

/// <summary>
/// How a store reports a failure its backend classified as transient (the database was unreachable, full of clients,
/// or locked) and that happened before anything was committed: as <see cref="StoreUnavailableException"/>, logged
/// once per occurrence (one read, or one write batch) and counted per call refused (<c>runnel_store_unavailable_total</c>).
/// </summary>
internal static class StoreOutage
{
    private const string Message = "The database is unavailable; nothing of this call was committed. Try again shortly.";

    /// <summary>The exception a read that failed with <paramref name="cause"/> throws instead.</summary>
    public static StoreUnavailableException Read(Exception cause, ILogger logger, SqlStatements statements)
    {
        logger.StoreUnavailable(cause, "read", 1);
        statements.Refused(1);
        return new StoreUnavailableException(Message, cause);
    }

    /// <summary>Fails every write of a batch that failed with <paramref name="cause"/> before its COMMIT.</summary>
    public static void FailWrites(IReadOnlyCollection<QueuedWrite> writes, Exception cause, ILogger logger,
        SqlStatements statements)
    {
        if (writes.Count == 0)
        {
            return;
        }

        logger.StoreUnavailable(cause, "write", writes.Count);
        statements.Refused(writes.Count);
        foreach (var write in writes)
        {
            // One exception per caller: an exception thrown from several awaits at once would mix their stack traces.
            write.Fail(new StoreUnavailableException(Message, cause));
        }
    }
}
