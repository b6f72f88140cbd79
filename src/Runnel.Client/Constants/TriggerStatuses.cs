namespace Runnel.Client;

/// <summary>Values of <see cref="TriggerResult.Status"/> and <see cref="TriggerBatchItemResult.Status"/>.</summary>
public static class TriggerStatuses
{
    /// <summary><c>started</c>: a new membership started.</summary>
    public const string Started = "started";

    /// <summary><c>already_running</c>: the contact already has a running membership.</summary>
    public const string AlreadyRunning = "already_running";

    /// <summary><c>skipped</c>: not enrolled (see <see cref="SkipReasons"/>).</summary>
    public const string Skipped = "skipped";

    /// <summary><c>invalid</c>: a batch item that failed validation.</summary>
    public const string Invalid = "invalid";
}
