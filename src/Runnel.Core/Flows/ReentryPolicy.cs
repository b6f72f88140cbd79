using System.Text.Json.Serialization;

namespace Runnel.Core.Flows;

/// <summary>Whether and when a contact may enter a flow again (API.md §8.1).</summary>
public sealed record ReentryPolicy
{
    public const string NoReentry = "no_reentry";
    public const string AfterExit = "after_exit";
    public const string AfterCooldown = "after_cooldown";

    public string Mode { get; init; } = NoReentry;

    /// <summary>Only with <see cref="AfterCooldown"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? CooldownMinutes { get; init; }
}
