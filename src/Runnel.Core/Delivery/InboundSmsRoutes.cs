namespace Runnel.Core.Delivery;

/// <summary>Where an inbound SMS went, in the routing order of API.md §12.</summary>
public static class InboundSmsRoutes
{
    public const string Stop = "stop";
    public const string Help = "help";
    public const string Start = "start";
    public const string Reply = "reply";
    public const string Trigger = "trigger";
    public const string Event = "event";
}
