namespace Runnel.Core.Flows;

/// <summary>The wire names of trigger types.</summary>
public static class TriggerTypes
{
    public const string Api = "api";
    public const string AddedToStaticList = "added_to_static_list";
    public const string RemovedFromStaticList = "removed_from_static_list";
    public const string ContactCreated = "contact_created";
    public const string ContactUpdated = "contact_updated";
    public const string DateBased = "date_based";
    public const string FormSubmitted = "form_submitted";
    public const string Event = "event";
    public const string InboundMessage = "inbound_message";
}
