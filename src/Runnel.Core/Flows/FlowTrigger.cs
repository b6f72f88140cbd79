using System.Text.Json.Serialization;
using Runnel.Core.Rules;

namespace Runnel.Core.Flows;

/// <summary>An entrance of a flow (API.md §8.2), discriminated by <c>type</c>; every trigger may carry a segment.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type",
    UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(ApiTrigger), TriggerTypes.Api)]
[JsonDerivedType(typeof(AddedToStaticListTrigger), TriggerTypes.AddedToStaticList)]
[JsonDerivedType(typeof(RemovedFromStaticListTrigger), TriggerTypes.RemovedFromStaticList)]
[JsonDerivedType(typeof(ContactCreatedTrigger), TriggerTypes.ContactCreated)]
[JsonDerivedType(typeof(ContactUpdatedTrigger), TriggerTypes.ContactUpdated)]
[JsonDerivedType(typeof(DateBasedTrigger), TriggerTypes.DateBased)]
[JsonDerivedType(typeof(FormSubmittedTrigger), TriggerTypes.FormSubmitted)]
[JsonDerivedType(typeof(EventTrigger), TriggerTypes.Event)]
[JsonDerivedType(typeof(InboundMessageTrigger), TriggerTypes.InboundMessage)]
public abstract record FlowTrigger
{
    /// <summary>Only contacts that match are enrolled through this trigger.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RuleNode? Segment { get; init; }

    [JsonIgnore]
    public abstract string Type { get; }
}
