namespace Runnel.Core.Flows;

/// <summary>Per-flow settings (API.md §8.1), with the contract's defaults.</summary>
public sealed record FlowSettings
{
    /// <summary>Ends a membership this many minutes after its last activity (<c>session_expired</c>).</summary>
    public int? SessionTtlMinutes { get; init; }

    public bool AllowPublicTrigger { get; init; }

    /// <summary>
    /// An IANA name; null (not given, or set to null) means the workspace's time zone, which FlowService writes in when
    /// the flow is created or its settings change, so a stored definition always names its zone.
    /// </summary>
    public string? Timezone { get; init; }

    public bool ExitOnUnsubscribe { get; init; } = true;

    public QuietHours? QuietHours { get; init; }
}
