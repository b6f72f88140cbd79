using System.Text.Json.Serialization;

namespace Runnel.Core.Flows;
public sealed record SendSmsStep : LinearStep
{
    [JsonIgnore]
    public override string Type => StepTypes.SendSms;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Body { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MediaUrl { get; init; }
}
