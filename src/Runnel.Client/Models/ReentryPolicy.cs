namespace Runnel.Client;

/// <summary>Whether and when a contact may enter a flow again.</summary>
public sealed class ReentryPolicy
{
    /// <summary>One of <see cref="ReentryModes"/>.</summary>
    public string Mode { get; set; } = ReentryModes.NoReentry;

    /// <summary>With <see cref="ReentryModes.AfterCooldown"/>: how long after the previous entry.</summary>
    public int? CooldownMinutes { get; set; }
}
