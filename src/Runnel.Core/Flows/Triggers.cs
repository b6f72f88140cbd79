using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Runnel.Core.Rules;

namespace Runnel.Core.Flows;

// The trigger records of API.md §8.2, in one file: each is a few members of configuration.

public sealed record ApiTrigger : FlowTrigger
{
    [JsonIgnore]
    public override string Type => TriggerTypes.Api;
}

public sealed record AddedToStaticListTrigger : FlowTrigger
{
    [JsonIgnore]
    public override string Type => TriggerTypes.AddedToStaticList;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? ListId { get; init; }
}

public sealed record RemovedFromStaticListTrigger : FlowTrigger
{
    [JsonIgnore]
    public override string Type => TriggerTypes.RemovedFromStaticList;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? ListId { get; init; }
}

public sealed record ContactCreatedTrigger : FlowTrigger
{
    [JsonIgnore]
    public override string Type => TriggerTypes.ContactCreated;
}

public sealed record ContactUpdatedTrigger : FlowTrigger
{
    [JsonIgnore]
    public override string Type => TriggerTypes.ContactUpdated;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Field { get; init; }

    /// <summary>A field operator tested on the new value, or <c>changed</c> (any change).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Operator { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonNode? Value { get; init; }
}

public sealed record DateBasedTrigger : FlowTrigger
{
    [JsonIgnore]
    public override string Type => TriggerTypes.DateBased;

    /// <summary><c>created_at</c> or an active date/datetime custom field.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Field { get; init; }

    /// <summary><c>on_date</c>, <c>before_date</c> or <c>after_date</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Mode { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? DaysBefore { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? DaysAfter { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? IncludeAnniversaries { get; init; }

    /// <summary>"HH:00" or "HH:30"; default "09:00".</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TriggerTime { get; init; }

    /// <summary>IANA name; default "UTC".</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Timezone { get; init; }
}

public sealed record FormSubmittedTrigger : FlowTrigger
{
    [JsonIgnore]
    public override string Type => TriggerTypes.FormSubmitted;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? FormId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? PageId { get; init; }
}

public sealed record EventTrigger : FlowTrigger
{
    [JsonIgnore]
    public override string Type => TriggerTypes.Event;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PropertyFilter>? Where { get; init; }
}

public sealed record InboundMessageTrigger : FlowTrigger
{
    [JsonIgnore]
    public override string Type => TriggerTypes.InboundMessage;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Keywords { get; init; }
}
