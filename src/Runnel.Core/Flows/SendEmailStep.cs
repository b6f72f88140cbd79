using System.Text.Json.Serialization;

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
