using System.Text.Json.Serialization;

namespace Runnel.Core.Flows;
/// <summary>API.md §8.3/§13: makes one page for the member; later steps see <c>{{page_url}}</c>.</summary>
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

    /// <summary>Days the member's page is served (API.md §13); null means <see cref="DefaultPageTtlDays"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? PageTtlDays { get; init; }

    public const int DefaultPageTtlDays = 30;

    public const int MaxPageTtlDays = 365;
}
