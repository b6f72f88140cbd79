namespace Runnel.Core.Delivery;

/// <summary>The values of <see cref="ProviderEmailEvent"/>: the generic webhook format's <c>type</c> and <c>bounce_type</c>.</summary>
public static class ProviderEventTypes
{
    public const string Delivered = "delivered";
    public const string Bounced = "bounced";
    public const string Complained = "complained";
    public const string Hard = "hard";
    public const string Soft = "soft";
}
