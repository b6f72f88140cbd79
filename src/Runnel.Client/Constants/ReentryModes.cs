namespace Runnel.Client;

/// <summary>Values of <see cref="ReentryPolicy.Mode"/>.</summary>
public static class ReentryModes
{
    /// <summary><c>no_reentry</c>: once ever.</summary>
    public const string NoReentry = "no_reentry";

    /// <summary><c>after_exit</c>: again once the previous membership ended.</summary>
    public const string AfterExit = "after_exit";

    /// <summary><c>after_cooldown</c>: again a cooldown after the previous entry.</summary>
    public const string AfterCooldown = "after_cooldown";
}
