namespace Runnel.Core.Delivery;

/// <summary>What one send attempt came to: accepted, worth retrying, or refused for good.</summary>
public enum SendOutcome
{
    Sent,
    Transient,
    Permanent,
}
