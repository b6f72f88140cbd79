namespace Runnel.Client;

/// <summary>Settings of one flow.</summary>
public sealed class FlowSettings
{
    /// <summary>Ends a membership this many minutes after its last activity; null means no limit.</summary>
    public int? SessionTtlMinutes { get; set; }

    /// <summary>Whether a public key may trigger the flow.</summary>
    public bool? AllowPublicTrigger { get; set; }

    /// <summary>The flow's IANA timezone.</summary>
    public string? Timezone { get; set; }

    /// <summary>Whether an unsubscribe drops the contact's members.</summary>
    public bool? ExitOnUnsubscribe { get; set; }

    /// <summary>The SMS quiet window; overrides the workspace's.</summary>
    public QuietHours? QuietHours { get; set; }
}
