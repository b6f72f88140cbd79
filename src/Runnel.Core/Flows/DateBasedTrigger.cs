using System.Text.Json.Serialization;

namespace Runnel.Core.Flows;
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
