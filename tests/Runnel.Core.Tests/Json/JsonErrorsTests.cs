using System.Text.Json;
using Runnel.Core.Errors;
using Runnel.Core.Flows;
using Runnel.Core.Json;

namespace Runnel.Core.Tests.Json;

public sealed class JsonErrorsTests
{
    private static FieldError Fail<T>(string json)
    {
        var error = Record.Exception(() => JsonSerializer.Deserialize<T>(json, RunnelJson.Options));
        Assert.NotNull(error);
        return JsonErrors.Describe(error, typeof(T));
    }

    [Theory]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait","duration_amount":"x"}]}""", "steps[0].duration_amount", "must be a whole number")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait","duration_amount":1.5}]}""", "steps[0].duration_amount", "must be a whole number")]
    [InlineData("""{"steps":[{"step_id":"a","type":"send_email","email_id":"nope"}]}""", "steps[0].email_id", "must be a UUID")]
    [InlineData("""{"steps":[{"step_id":"a","type":"send_email","operational":"yes"}]}""", "steps[0].operational", "must be true or false")]
    [InlineData("""{"steps":{}}""", "steps", "must be an array")]
    [InlineData("""{"settings":[]}""", "settings", "must be an object")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait","colour":"red"}]}""", "steps[0].colour", "unknown field for type 'wait'")]
    [InlineData("""{"triggers":[{"type":"api","x":1}]}""", "triggers[0].x", "unknown field for type 'api'")]
    [InlineData("""{"steps":[{"step_id":"a","type":"split","branches":[{"percent":null}]}]}""", "steps[0].branches[0].percent", "must be a whole number")]
    public void Wrong_types_in_a_definition_name_the_member(string json, string path, string message) =>
        Assert.Equal(new FieldError(path, message), Fail<FlowDefinition>(json));

    [Fact]
    public void An_unknown_or_missing_type_points_at_the_type_member_and_lists_the_known_ones()
    {
        var unknown = Fail<FlowDefinition>("""{"triggers":[{"type":"api"},{"type":"webhook"}]}""");
        Assert.Equal("triggers[1].type", unknown.Path);
        Assert.StartsWith("unknown type 'webhook'; expected one of: api, added_to_static_list", unknown.Message,
            StringComparison.Ordinal);
        var missing = Fail<FlowDefinition>("""{"steps":[{"step_id":"a"}]}""");
        Assert.Equal("steps[0].type", missing.Path);
        Assert.Contains("send_email", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait","duration_amount":"x"}]}""", "steps[0].duration_amount")]
    [InlineData("""{"steps":[{"step_id":"a","type":"teleport"}]}""", "steps[0].type")]
    [InlineData("""{"steps":[{"step_id":"a"}]}""", "steps[0].type")]
    [InlineData("""{"name":5}""", "name")]
    [InlineData("""{"reentry_policy":{"mode":"no_reentry","cooldown_minutes":"5"}}""", "reentry_policy.cooldown_minutes")]
    public void Optional_members_keep_the_full_path(string json, string path) =>
        Assert.Equal(path, Fail<UpdateFlowRequest>(json).Path);

    [Theory]
    [InlineData("""{"name":5}""", "name", "must be a string")]
    [InlineData("""{"name":"x","steps":{}}""", "steps", "must be an array")]
    [InlineData("""{"name":"x","settings":[]}""", "settings", "must be an object")]
    [InlineData("""{"name":"x","reentry_policy":{"mode":1}}""", "reentry_policy.mode", "must be a string")]
    public void Constructor_members_are_described_by_their_own_type(string json, string path, string message) =>
        Assert.Equal(new FieldError(path, message), Fail<CreateFlowRequest>(json));

    [Fact]
    public void Deserializing_a_node_prefixes_the_path()
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse("""{"step_id":"a","type":"wait","duration_unit":3}""");
        var error = Assert.Throws<RunnelException>(() => JsonErrors.Deserialize<FlowStep>(node, "step"));
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal(new FieldError("step.duration_unit", "must be a string"), Assert.Single(error.Errors!));
    }
}
