namespace Runnel.Client;

/// <summary>Changes to the workspace's settings.</summary>
public sealed class UpdateSettingsRequest
{
    /// <summary>The default IANA timezone.</summary>
    public string? Timezone { get; set; }

    /// <summary>The postal address.</summary>
    public string? PostalAddress { get; set; }

    /// <summary>The answer to HELP.</summary>
    public string? SmsHelpText { get; set; }

    /// <summary>The E.164 sender number.</summary>
    public string? SmsFrom { get; set; }

    /// <summary>The SMS quiet window.</summary>
    public QuietHours? QuietHours { get; set; }

    /// <summary>The default sender address.</summary>
    public string? DefaultFromEmail { get; set; }

    /// <summary>The default sender name.</summary>
    public string? DefaultFromName { get; set; }
}
