namespace Runnel.Client;

/// <summary>Values of <see cref="FlowTrigger.Type"/>.</summary>
public static class TriggerTypes
{
    /// <summary><c>api</c>: started by <see cref="FlowsResource.TriggerAsync(TriggerRequest, CancellationToken)"/>.</summary>
    public const string Api = "api";

    /// <summary><c>added_to_static_list</c>: a contact is added to a static list.</summary>
    public const string AddedToStaticList = "added_to_static_list";

    /// <summary><c>removed_from_static_list</c>: a contact is removed from a static list.</summary>
    public const string RemovedFromStaticList = "removed_from_static_list";

    /// <summary><c>contact_created</c>: a contact is created.</summary>
    public const string ContactCreated = "contact_created";

    /// <summary><c>contact_updated</c>: a contact field changes.</summary>
    public const string ContactUpdated = "contact_updated";

    /// <summary><c>date_based</c>: a contact date matches, daily.</summary>
    public const string DateBased = "date_based";

    /// <summary><c>form_submitted</c>: a form is submitted.</summary>
    public const string FormSubmitted = "form_submitted";

    /// <summary><c>event</c>: an event is tracked.</summary>
    public const string Event = "event";

    /// <summary><c>inbound_message</c>: an inbound SMS matches keywords.</summary>
    public const string InboundMessage = "inbound_message";
}
