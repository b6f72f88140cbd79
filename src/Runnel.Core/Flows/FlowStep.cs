using System.Text.Json.Serialization;

namespace Runnel.Core.Flows;

/// <summary>
/// A step of a flow graph (API.md §8.3), discriminated by <c>type</c>. Drafts may be incomplete, so configuration
/// members are nullable; format is checked on every write and completeness at activation.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type",
    UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(SendEmailStep), StepTypes.SendEmail)]
[JsonDerivedType(typeof(SendSmsStep), StepTypes.SendSms)]
[JsonDerivedType(typeof(WaitStep), StepTypes.Wait)]
[JsonDerivedType(typeof(WaitForReplyStep), StepTypes.WaitForReply)]
[JsonDerivedType(typeof(UpdateContactStep), StepTypes.UpdateContact)]
[JsonDerivedType(typeof(AddToListStep), StepTypes.AddToList)]
[JsonDerivedType(typeof(RemoveFromListStep), StepTypes.RemoveFromList)]
[JsonDerivedType(typeof(ConditionCheckStep), StepTypes.ConditionCheck)]
[JsonDerivedType(typeof(SplitStep), StepTypes.Split)]
[JsonDerivedType(typeof(SendWebhookStep), StepTypes.SendWebhook)]
[JsonDerivedType(typeof(CreatePageStep), StepTypes.CreatePage)]
[JsonDerivedType(typeof(DropFromFlowStep), StepTypes.DropFromFlow)]
public abstract record FlowStep
{
    // step_id and label lead and next_step_id ends each step as written, whatever the record hierarchy's order.
    [JsonPropertyOrder(-2)]
    public string StepId { get; init; } = "";

    [JsonPropertyOrder(-1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Label { get; init; }

    /// <summary>The wire <c>type</c> of this step.</summary>
    [JsonIgnore]
    public abstract string Type { get; }

    /// <summary>Every outgoing edge of the step, with the member path that names it (for activation checks).</summary>
    public abstract IEnumerable<StepEdge> Edges();
}
