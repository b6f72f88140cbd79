using System.Text.Json.Nodes;

namespace Runnel.Client;

/// <summary>An entrance of a flow (API.md §8.2); set the members its <see cref="Type"/> uses.</summary>
public sealed class FlowTrigger
{
    /// <summary>One of <see cref="TriggerTypes"/>.</summary>
    public string Type { get; set; } = "";

    /// <summary>A rule tree: only contacts that match are enrolled through this trigger.</summary>
    public JsonObject? Segment { get; set; }

    /// <summary>The static list of list triggers.</summary>
    public string? ListId { get; set; }

    /// <summary>The contact field of <c>contact_updated</c> and <c>date_based</c> triggers.</summary>
    public string? Field { get; set; }

    /// <summary>The operator tested on the new value (<c>contact_updated</c>), e.g. <c>eq</c> or <c>changed</c>.</summary>
    public string? Operator { get; set; }

    /// <summary>The value the operator compares with.</summary>
    public JsonNode? Value { get; set; }

    /// <summary><c>on_date</c>, <c>before_date</c> or <c>after_date</c> (<c>date_based</c>).</summary>
    public string? Mode { get; set; }

    /// <summary>Days before the date (<c>before_date</c>).</summary>
    public int? DaysBefore { get; set; }

    /// <summary>Days after the date (<c>after_date</c>).</summary>
    public int? DaysAfter { get; set; }

    /// <summary>Whether the date matches every year.</summary>
    public bool? IncludeAnniversaries { get; set; }

    /// <summary>Time of day, <c>HH:00</c> or <c>HH:30</c>.</summary>
    public string? TriggerTime { get; set; }

    /// <summary>IANA timezone of <see cref="TriggerTime"/>.</summary>
    public string? Timezone { get; set; }

    /// <summary>The form of <c>form_submitted</c>.</summary>
    public string? FormId { get; set; }

    /// <summary>The page of <c>form_submitted</c>, to fire only for submissions from it.</summary>
    public string? PageId { get; set; }

    /// <summary>The event name of <c>event</c> triggers.</summary>
    public string? Name { get; set; }

    /// <summary>Property filters of <c>event</c> triggers.</summary>
    public JsonArray? Where { get; set; }

    /// <summary>The keywords of <c>inbound_message</c> triggers.</summary>
    public IList<string>? Keywords { get; set; }
}
