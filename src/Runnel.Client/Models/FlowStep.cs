using System.Text.Json.Nodes;

namespace Runnel.Client;

/// <summary>A step of a flow (API.md §8.3); set the members its <see cref="Type"/> uses, leave the others null.</summary>
public sealed class FlowStep
{
    /// <summary>The client-chosen id: 1–120 characters of <c>[A-Za-z0-9_.:-]</c>.</summary>
    public string StepId { get; set; } = "";

    /// <summary>One of <see cref="StepTypes"/>.</summary>
    public string Type { get; set; } = "";

    /// <summary>A label for the builder.</summary>
    public string? Label { get; set; }

    /// <summary>The step linear steps continue at; omitted ends the membership.</summary>
    public string? NextStepId { get; set; }

    /// <summary><c>send_email</c>: the email to send.</summary>
    public string? EmailId { get; set; }

    /// <summary><c>send_email</c>: also sends to unsubscribed contacts (transactional mail only).</summary>
    public bool? Operational { get; set; }

    /// <summary><c>send_sms</c>: the Liquid text.</summary>
    public string? Body { get; set; }

    /// <summary><c>send_sms</c>: an MMS attachment.</summary>
    public string? MediaUrl { get; set; }

    /// <summary><c>wait</c>: how many <see cref="DurationUnit"/>s.</summary>
    public int? DurationAmount { get; set; }

    /// <summary><c>wait</c>: one of <see cref="DurationUnits"/>.</summary>
    public string? DurationUnit { get; set; }

    /// <summary><c>wait</c>: release at the next such local time <c>HH:MM</c> after the duration.</summary>
    public string? AtTime { get; set; }

    /// <summary><c>wait</c>: <c>contact</c> or an IANA timezone for <see cref="AtTime"/>.</summary>
    public string? AtTimezone { get; set; }

    /// <summary><c>wait</c>: wait until the date in this contact field.</summary>
    public string? UntilDateField { get; set; }

    /// <summary><c>wait</c>: days added to <see cref="UntilDateField"/>.</summary>
    public int? OffsetDays { get; set; }

    /// <summary><c>condition_check</c> and condition waits: the rule tree.</summary>
    public JsonObject? Condition { get; set; }

    /// <summary>Condition waits and <c>wait_for_reply</c>: how long to wait.</summary>
    public int? TimeoutMinutes { get; set; }

    /// <summary>Where to continue after <see cref="TimeoutMinutes"/>.</summary>
    public string? TimeoutStepId { get; set; }

    /// <summary><c>wait_for_reply</c> and <c>split</c>: the branches, first match wins.</summary>
    public IList<StepBranch>? Branches { get; set; }

    /// <summary><c>wait_for_reply</c>: where a reply that matches no branch goes.</summary>
    public string? NoMatchStepId { get; set; }

    /// <summary><c>update_contact</c>: the field writes.</summary>
    public IList<ContactFieldUpdate>? Updates { get; set; }

    /// <summary><c>update_contact</c> shorthand: the field to write.</summary>
    public string? Field { get; set; }

    /// <summary><c>update_contact</c> shorthand: the value (Liquid for strings).</summary>
    public JsonNode? Value { get; set; }

    /// <summary><c>add_to_list</c> / <c>remove_from_list</c>: the static list.</summary>
    public string? ListId { get; set; }

    /// <summary><c>condition_check</c>: where a match goes.</summary>
    public string? TrueStepId { get; set; }

    /// <summary><c>condition_check</c>: where a mismatch goes.</summary>
    public string? FalseStepId { get; set; }

    /// <summary><c>condition_check</c>: taken when an edge is missing or the condition cannot be evaluated.</summary>
    public string? DefaultStepId { get; set; }

    /// <summary><c>send_webhook</c>: the public http(s) URL.</summary>
    public string? EndpointUrl { get; set; }

    /// <summary><c>send_webhook</c>: <c>post</c> (default), <c>put</c> or <c>get</c>.</summary>
    public string? Method { get; set; }

    /// <summary><c>send_webhook</c>: <c>none</c> or <c>jwt</c>.</summary>
    public string? AuthType { get; set; }

    /// <summary><c>send_webhook</c> with <c>jwt</c>: a token sent as bearer.</summary>
    public string? Token { get; set; }

    /// <summary><c>send_webhook</c> with <c>jwt</c>: the workspace secret that signs an HS256 JWT.</summary>
    public string? SecretRef { get; set; }

    /// <summary><c>send_webhook</c>: members merged into the payload, keys untouched.</summary>
    public JsonObject? CustomFields { get; set; }

    /// <summary><c>send_webhook</c>: <c>continue</c> (default) or <c>fail</c>.</summary>
    public string? OnFailure { get; set; }

    /// <summary><c>create_page</c>: <c>scratch</c> or <c>template</c>.</summary>
    public string? Source { get; set; }

    /// <summary><c>create_page</c> from a template: the template.</summary>
    public string? TemplateId { get; set; }

    /// <summary><c>create_page</c>: the prompt, with merge tokens.</summary>
    public string? Prompt { get; set; }

    /// <summary><c>create_page</c>: publish the page at once.</summary>
    public bool? AutoPublish { get; set; }

    /// <summary><c>create_page</c>: the alias, with merge tokens.</summary>
    public string? CustomPageAlias { get; set; }

    /// <summary><c>create_page</c>: the page name, with merge tokens.</summary>
    public string? PageName { get; set; }

    /// <summary><c>create_page</c>: days the page lives (default 30).</summary>
    public int? PageTtlDays { get; set; }
}
