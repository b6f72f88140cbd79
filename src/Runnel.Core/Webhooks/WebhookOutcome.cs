using System.Text.Json.Nodes;
using Runnel.Core.Members;

namespace Runnel.Core.Webhooks;

/// <summary>
/// How a finished delivery reaches the interpreter: stored in the member's engagement under the step id (as opens and
/// clicks are), tagged with the visit so an outcome of an earlier pass through the step is never mistaken for this one.
/// </summary>
public sealed record WebhookOutcome(int Visit, bool Succeeded, int Attempts, string? Error)
{
    private const string Key = "webhook";

    /// <summary>The member's engagement with this outcome recorded under <paramref name="stepId"/>.</summary>
    public JsonObject WriteTo(JsonObject engagement, string stepId)
    {
        var updated = (JsonObject)engagement.DeepClone();
        if (updated[stepId] is not JsonObject facts)
        {
            facts = new JsonObject();
            updated[stepId] = facts;
        }

        facts[Key] = new JsonObject
        {
            ["visit"] = Visit,
            ["outcome"] = Succeeded ? "succeeded" : "failed",
            ["attempts"] = Attempts,
            ["error"] = Error,
        };
        return updated;
    }

    /// <summary>The outcome of the member's current visit to <paramref name="stepId"/>, or null while it is pending.</summary>
    public static WebhookOutcome? ReadFrom(Member member, string stepId)
    {
        if (member.Engagement[stepId]?[Key] is not JsonObject stored
            || stored["visit"]?.GetValue<int>() != member.Visit)
        {
            return null;
        }

        return new WebhookOutcome(member.Visit, stored["outcome"]?.GetValue<string>() == "succeeded",
            stored["attempts"]?.GetValue<int>() ?? 0, stored["error"]?.GetValue<string>());
    }
}
