namespace Runnel.Core.Workspaces;
public enum IdempotencyOutcome
{
    /// <summary>No live record: this execution runs the request from the start.</summary>
    Fresh,

    /// <summary>An earlier execution died or gave up after some writes committed: this one carries on from them.</summary>
    Resumed,

    /// <summary>The request finished before: answer with its stored response.</summary>
    Replay,

    /// <summary>Another execution holds the key under a live lease.</summary>
    InUse,

    /// <summary>The key was used with a different request.</summary>
    Reused,
}
