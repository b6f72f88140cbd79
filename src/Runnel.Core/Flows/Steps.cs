using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Runnel.Core.Rules;

namespace Runnel.Core.Flows;

// The step records of API.md §8.3. They share one file because each is a few members of configuration; the
// behaviour lives in the validator, the activation checks and the interpreter.

public sealed record SendEmailStep : LinearStep
{
    [JsonIgnore]
    public override string Type => StepTypes.SendEmail;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? EmailId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Operational { get; init; }
}

public sealed record SendSmsStep : LinearStep
{
    [JsonIgnore]
    public override string Type => StepTypes.SendSms;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Body { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MediaUrl { get; init; }
}

public sealed record WaitStep : LinearStep
{
    [JsonIgnore]
    public override string Type => StepTypes.Wait;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? DurationAmount { get; init; }

    /// <summary><c>minutes</c>, <c>hours</c>, <c>days</c> or <c>weeks</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DurationUnit { get; init; }

    /// <summary>"HH:MM": release at the next such local time after the duration.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AtTime { get; init; }

    /// <summary><c>"contact"</c> (the contact's timezone) or an IANA name; default the flow's timezone.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AtTimezone { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UntilDateField { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? OffsetDays { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RuleNode? Condition { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TimeoutMinutes { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TimeoutStepId { get; init; }

    public override IEnumerable<StepEdge> Edges()
    {
        yield return new StepEdge("next_step_id", NextStepId);
        yield return new StepEdge("timeout_step_id", TimeoutStepId);
    }
}

public sealed record WaitForReplyStep : FlowStep
{
    [JsonIgnore]
    public override string Type => StepTypes.WaitForReply;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TimeoutMinutes { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ReplyBranch>? Branches { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NoMatchStepId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TimeoutStepId { get; init; }

    public override IEnumerable<StepEdge> Edges()
    {
        for (var i = 0; i < (Branches?.Count ?? 0); i++)
        {
            yield return new StepEdge($"branches[{i}].next_step_id", Branches![i]?.NextStepId);
        }

        yield return new StepEdge("no_match_step_id", NoMatchStepId);
        yield return new StepEdge("timeout_step_id", TimeoutStepId);
    }
}

public sealed record ReplyBranch
{
    public ReplyMatch? Match { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NextStepId { get; init; }
}

public sealed record ReplyMatch
{
    /// <summary><c>keyword</c>, <c>number</c>, <c>regex</c> or <c>any</c>.</summary>
    public string? Type { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Values { get; init; }
}

public sealed record UpdateContactStep : LinearStep
{
    [JsonIgnore]
    public override string Type => StepTypes.UpdateContact;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ContactUpdate>? Updates { get; init; }

    /// <summary>Shorthand for a single update (with <see cref="Value"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Field { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonNode? Value { get; init; }

    /// <summary>The updates to apply: the list, or the shorthand as a one-item list.</summary>
    public IReadOnlyList<ContactUpdate> EffectiveUpdates() =>
        Updates ?? (Field is null ? [] : [new ContactUpdate { Field = Field, Value = Value?.DeepClone() }]);
}

public sealed record ContactUpdate
{
    public string? Field { get; init; }

    /// <summary>A Liquid template when a string; other JSON values are written as they are.</summary>
    public JsonNode? Value { get; init; }

    /// <summary><c>overwrite</c> (default) or <c>skip_if_filled</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? WriteMode { get; init; }
}

public sealed record AddToListStep : LinearStep
{
    [JsonIgnore]
    public override string Type => StepTypes.AddToList;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? ListId { get; init; }
}

public sealed record RemoveFromListStep : LinearStep
{
    [JsonIgnore]
    public override string Type => StepTypes.RemoveFromList;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? ListId { get; init; }
}

public sealed record ConditionCheckStep : FlowStep
{
    [JsonIgnore]
    public override string Type => StepTypes.ConditionCheck;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RuleNode? Condition { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TrueStepId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FalseStepId { get; init; }

    /// <summary>Taken when the branch's edge is missing or the condition cannot be evaluated.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DefaultStepId { get; init; }

    public override IEnumerable<StepEdge> Edges()
    {
        yield return new StepEdge("true_step_id", TrueStepId);
        yield return new StepEdge("false_step_id", FalseStepId);
        yield return new StepEdge("default_step_id", DefaultStepId);
    }
}

public sealed record SplitStep : FlowStep
{
    [JsonIgnore]
    public override string Type => StepTypes.Split;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SplitBranch>? Branches { get; init; }

    public override IEnumerable<StepEdge> Edges()
    {
        for (var i = 0; i < (Branches?.Count ?? 0); i++)
        {
            yield return new StepEdge($"branches[{i}].next_step_id", Branches![i]?.NextStepId);
        }
    }
}

public sealed record SplitBranch
{
    public int Percent { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NextStepId { get; init; }
}

public sealed record SendWebhookStep : LinearStep
{
    [JsonIgnore]
    public override string Type => StepTypes.SendWebhook;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EndpointUrl { get; init; }

    /// <summary><c>post</c> (default), <c>put</c> or <c>get</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Method { get; init; }

    /// <summary><c>none</c> (default) or <c>jwt</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AuthType { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Token { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SecretRef { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? CustomFields { get; init; }

    /// <summary><c>continue</c> (default) or <c>fail</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OnFailure { get; init; }
}

public sealed record CreatePageStep : LinearStep
{
    [JsonIgnore]
    public override string Type => StepTypes.CreatePage;

    /// <summary><c>scratch</c> or <c>template</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Source { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? TemplateId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Prompt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? AutoPublish { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CustomPageAlias { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PageName { get; init; }
}

public sealed record DropFromFlowStep : FlowStep
{
    [JsonIgnore]
    public override string Type => StepTypes.DropFromFlow;

    public override IEnumerable<StepEdge> Edges() => [];
}
