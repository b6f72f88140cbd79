using System.Text.Json;
using Runnel.Core.Flows;
using Runnel.Core.Json;
using Runnel.Core.Rules;

namespace Runnel.Core.Tests.Flows;

public sealed class FlowJsonTests
{
    private const string WelcomeSeries = """
        {
          "triggers": [{"type": "api"}, {"list_id": "01935a6e-0000-7000-8000-000000000001", "type": "added_to_static_list"}],
          "steps": [
            {"step_id": "hello", "type": "send_email", "email_id": "01935a6e-0000-7000-8000-000000000002", "next_step_id": "pause"},
            {"step_id": "pause", "type": "wait", "duration_amount": 2, "duration_unit": "days", "at_time": "09:00",
             "at_timezone": "contact", "next_step_id": "check"},
            {"type": "condition_check", "step_id": "check",
             "condition": {"source": "email_step", "step_id": "hello", "operator": "opened"},
             "true_step_id": "thanks", "false_step_id": "nudge"},
            {"step_id": "thanks", "type": "drop_from_flow"},
            {"step_id": "nudge", "type": "split", "branches": [{"percent": 50, "next_step_id": "thanks"}, {"percent": 50}]}
          ],
          "reentry_policy": {"mode": "after_cooldown", "cooldown_minutes": 60},
          "settings": {"session_ttl_minutes": 30}
        }
        """;

    [Fact]
    public void A_definition_reads_with_type_anywhere_and_writes_back_without_unset_members()
    {
        var definition = JsonSerializer.Deserialize<FlowDefinition>(WelcomeSeries, RunnelJson.Options)!;
        Assert.Equal(5, definition.Steps.Count);
        var wait = Assert.IsType<WaitStep>(definition.Steps[1]);
        Assert.Equal("days", wait.DurationUnit);
        var check = Assert.IsType<ConditionCheckStep>(definition.Steps[2]);
        Assert.IsType<EmailStepRule>(check.Condition);
        Assert.Equal("hello", definition.EffectiveEntryStepId);
        Assert.Equal(30, definition.Settings.SessionTtlMinutes);
        Assert.True(definition.Settings.ExitOnUnsubscribe);
        Assert.IsType<AddedToStaticListTrigger>(definition.Triggers[1]);

        var written = JsonSerializer.Serialize(definition, RunnelJson.Options);
        Assert.Contains("\"type\":\"send_email\"", written, StringComparison.Ordinal);
        Assert.DoesNotContain("\"label\"", written, StringComparison.Ordinal);
        var again = JsonSerializer.Deserialize<FlowDefinition>(written, RunnelJson.Options)!;
        Assert.Equal(JsonSerializer.Serialize(again, RunnelJson.Options), written);
    }

    [Theory]
    [InlineData("""{"steps":[{"step_id":"a","type":"teleport"}]}""")]
    [InlineData("""{"steps":[{"step_id":"a"}]}""")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait","duration_amount":"two"}]}""")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait","colour":"red"}]}""")]
    public void Bad_steps_fail_to_read(string json)
    {
        var error = Record.Exception(() => JsonSerializer.Deserialize<FlowDefinition>(json, RunnelJson.Options));
        Assert.True(error is JsonException or NotSupportedException, error?.GetType().Name);
    }
}
