namespace Runnel.Client;

// Request bodies that wrap what a method takes as plain arguments; callers never see them.

/// <summary><c>POST /v1/flows/{id}/trigger/batch</c>.</summary>
internal sealed class TriggerBatchBody
{
    public List<TriggerRecipient> Recipients { get; set; } = [];
}

/// <summary><c>PUT /v1/flows/{id}/steps</c>.</summary>
internal sealed class ReplaceStepsBody
{
    public List<FlowStep> Steps { get; set; } = [];
}

/// <summary><c>PATCH /v1/flows/{id}/steps/{step_id}</c>: the members to change; null removes one.</summary>
internal sealed class UpdateStepBody
{
    public System.Text.Json.Nodes.JsonObject Step { get; set; } = [];
}

/// <summary><c>POST /v1/lists/{id}/contacts</c>.</summary>
internal sealed class AddContactsBody
{
    public List<string> ContactIds { get; set; } = [];
}
