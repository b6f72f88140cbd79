using System.Text.Json.Nodes;

namespace Runnel.Client.Tests.Infrastructure;

/// <summary>Builders for the few definitions most tests need.</summary>
public static class TestData
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static string Email(string prefix = "ada") => $"{Unique(prefix)}@example.com";

    /// <summary>An api-triggered flow whose one step waits a day, so its members stay running.</summary>
    public static CreateFlowRequest WaitingFlow(string? name = null) => new()
    {
        Name = name ?? Unique("flow"),
        Triggers = [new FlowTrigger { Type = TriggerTypes.Api }],
        Steps =
        [
            new FlowStep { StepId = "pause", Type = StepTypes.Wait, DurationAmount = 1, DurationUnit = DurationUnits.Days },
        ],
        ReentryPolicy = new ReentryPolicy { Mode = ReentryModes.AfterExit },
    };

    public static async Task<Flow> ActiveWaitingFlowAsync(RunnelClient client)
    {
        var flow = await client.Flows.CreateAsync(WaitingFlow());
        return await client.Flows.ActivateAsync(flow.Id);
    }

    public static JsonObject Context() => new() { ["cartId"] = "987", ["Total_EUR"] = 12.5, ["items"] = new JsonArray("a", "b") };
}
