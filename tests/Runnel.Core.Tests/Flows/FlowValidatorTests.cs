using Runnel.Core.Errors;
using Runnel.Core.Flows;
using Runnel.Core.Json;

namespace Runnel.Core.Tests.Flows;

public sealed class FlowValidatorTests
{
    private static IReadOnlyList<FieldError> Validate(string json)
    {
        var definition = RunnelJson.Deserialize<FlowDefinition>(json)!;
        var errors = new ValidationErrors();
        FlowValidator.ValidateDefinition(definition, errors);
        return errors.Items;
    }

    private static string Paths(IReadOnlyList<FieldError> errors) => string.Join(" | ", errors.Select(e => e.Path));

    [Fact]
    public void A_complete_definition_of_every_step_and_trigger_type_is_valid()
    {
        const string json = """
            {
              "triggers": [
                {"type": "api", "segment": {"source": "contact", "field": "plan", "operator": "eq", "value": "pro"}},
                {"type": "added_to_static_list", "list_id": "01935a6e-0000-7000-8000-000000000001"},
                {"type": "removed_from_static_list", "list_id": "01935a6e-0000-7000-8000-000000000001"},
                {"type": "contact_created"},
                {"type": "contact_updated", "field": "plan", "operator": "changed"},
                {"type": "contact_updated", "field": "plan", "operator": "in", "value": ["pro", "team"]},
                {"type": "date_based", "field": "created_at", "mode": "before_date", "days_before": 3,
                 "trigger_time": "09:30", "timezone": "Europe/London", "include_anniversaries": true},
                {"type": "form_submitted", "form_id": "01935a6e-0000-7000-8000-000000000003"},
                {"type": "event", "name": "order_placed", "where": [{"property": "total", "operator": "gte", "value": 100}]},
                {"type": "inbound_message", "keywords": ["JOIN", "START NOW"]}
              ],
              "steps": [
                {"step_id": "mail", "type": "send_email", "email_id": "01935a6e-0000-7000-8000-000000000002", "next_step_id": "sms"},
                {"step_id": "sms", "type": "send_sms", "body": "Hi {{contact.first_name}}", "media_url": "https://cdn.example.com/a.png", "next_step_id": "pause"},
                {"step_id": "pause", "type": "wait", "duration_amount": 2, "duration_unit": "days", "at_time": "09:00", "at_timezone": "contact", "next_step_id": "until"},
                {"step_id": "until", "type": "wait", "until_date_field": "trial_ends_at", "offset_days": -1, "next_step_id": "cond"},
                {"step_id": "cond", "type": "wait", "condition": {"source": "event", "name": "paid", "operator": "performed"},
                 "timeout_minutes": 60, "timeout_step_id": "ask", "next_step_id": "ask"},
                {"step_id": "ask", "type": "wait_for_reply", "timeout_minutes": 30, "no_match_step_id": "set", "timeout_step_id": "set",
                 "branches": [{"match": {"type": "keyword", "values": ["yes", "y"]}, "next_step_id": "set"},
                              {"match": {"type": "number", "values": ["1", "2.5"]}, "next_step_id": "set"},
                              {"match": {"type": "regex", "values": ["^stop\\b"]}, "next_step_id": "set"},
                              {"match": {"type": "any"}, "next_step_id": "set"}]},
                {"step_id": "set", "type": "update_contact", "updates": [{"field": "plan", "value": "pro", "write_mode": "skip_if_filled"}], "next_step_id": "short"},
                {"step_id": "short", "type": "update_contact", "field": "first_name", "value": "{{reply.text}}", "next_step_id": "add"},
                {"step_id": "add", "type": "add_to_list", "list_id": "01935a6e-0000-7000-8000-000000000001", "next_step_id": "remove"},
                {"step_id": "remove", "type": "remove_from_list", "list_id": "01935a6e-0000-7000-8000-000000000001", "next_step_id": "check"},
                {"step_id": "check", "type": "condition_check", "condition": {"source": "email_step", "step_id": "mail", "operator": "opened"},
                 "true_step_id": "split", "false_step_id": "hook", "default_step_id": "hook"},
                {"step_id": "split", "type": "split", "branches": [{"percent": 30, "next_step_id": "hook"}, {"percent": 70, "next_step_id": "page"}]},
                {"step_id": "hook", "type": "send_webhook", "endpoint_url": "https://crm.example.com/hook", "method": "put",
                 "auth_type": "jwt", "secret_ref": "crm_key", "custom_fields": {"source": "runnel"}, "on_failure": "fail", "next_step_id": "page"},
                {"step_id": "page", "type": "create_page", "source": "template", "template_id": "01935a6e-0000-7000-8000-000000000004",
                 "prompt": "Welcome {{contact.first_name}}", "auto_publish": true, "page_name": "Welcome", "custom_page_alias": "w-{{contact.id}}", "next_step_id": "end"},
                {"step_id": "end", "type": "drop_from_flow", "label": "Done"}
              ],
              "entry_step_id": "mail",
              "reentry_policy": {"mode": "after_cooldown", "cooldown_minutes": 1440},
              "disqualification_rules": {"any": [{"source": "list", "list_id": "01935a6e-0000-7000-8000-000000000009", "operator": "in"}]},
              "settings": {"session_ttl_minutes": 60, "timezone": "America/New_York", "quiet_hours": {"start": "21:00", "end": "08:00"}}
            }
            """;
        Assert.Empty(Validate(json));
    }

    [Theory]
    [InlineData("""{"steps":[{"step_id":"","type":"drop_from_flow"}]}""", "steps[0].step_id")]
    [InlineData("""{"steps":[{"step_id":"has space","type":"drop_from_flow"}]}""", "steps[0].step_id")]
    [InlineData("""{"steps":[{"step_id":"a","type":"send_sms","next_step_id":"b/c"}]}""", "steps[0].next_step_id")]
    [InlineData("""{"entry_step_id":"é"}""", "entry_step_id")]
    [InlineData("""{"steps":[{"step_id":"a","type":"drop_from_flow","label":"LONG"}]}""", "steps[0].label")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait"}]}""", "steps[0]")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait","duration_amount":0,"duration_unit":"days"}]}""", "steps[0].duration_amount")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait","duration_amount":1}]}""", "steps[0].duration_unit")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait","duration_amount":1,"duration_unit":"months"}]}""", "steps[0].duration_unit")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait","duration_amount":600,"duration_unit":"weeks"}]}""", "steps[0].duration_amount")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait","duration_amount":1,"duration_unit":"days","at_time":"9am"}]}""", "steps[0].at_time")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait","duration_amount":1,"duration_unit":"days","at_time":"09:00","at_timezone":"Moon/Base"}]}""", "steps[0].at_timezone")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait","duration_amount":1,"duration_unit":"days","at_timezone":"UTC"}]}""", "steps[0].at_timezone")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait","duration_amount":1,"duration_unit":"days","until_date_field":"renewal"}]}""", "steps[0].until_date_field")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait","until_date_field":"renewal","timeout_minutes":5}]}""", "steps[0].timeout_minutes")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait","offset_days":2}]}""", "steps[0].until_date_field")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait","until_date_field":"Renewal Date"}]}""", "steps[0].until_date_field")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait","timeout_minutes":5}]}""", "steps[0].condition")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait","condition":{"source":"contact","field":"x","operator":"is_set"},"timeout_minutes":0}]}""", "steps[0].timeout_minutes")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait","condition":{"source":"contact","field":"x","operator":"is_set"},"timeout_step_id":"b"}]}""", "steps[0].timeout_minutes")]
    [InlineData("""{"steps":[{"step_id":"a","type":"split","branches":[]}]}""", "steps[0].branches")]
    [InlineData("""{"steps":[{"step_id":"a","type":"split"}]}""", "steps[0].branches")]
    [InlineData("""{"steps":[{"step_id":"a","type":"split","branches":[{"percent":101}]}]}""", "steps[0].branches[0].percent")]
    [InlineData("""{"steps":[{"step_id":"a","type":"split","branches":[{"percent":50},null]}]}""", "steps[0].branches[1]")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait_for_reply","branches":[{"next_step_id":"b"}]}]}""", "steps[0].branches[0].match")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait_for_reply","branches":[{"match":{"type":"fuzzy","values":["x"]}}]}]}""", "steps[0].branches[0].match.type")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait_for_reply","branches":[{"match":{"type":"keyword"}}]}]}""", "steps[0].branches[0].match.values")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait_for_reply","branches":[{"match":{"type":"keyword","values":[" "]}}]}]}""", "steps[0].branches[0].match.values[0]")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait_for_reply","branches":[{"match":{"type":"number","values":["one"]}}]}]}""", "steps[0].branches[0].match.values[0]")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait_for_reply","branches":[{"match":{"type":"regex","values":["(unclosed"]}}]}]}""", "steps[0].branches[0].match.values[0]")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait_for_reply","branches":[{"match":{"type":"any","values":["x"]}}]}]}""", "steps[0].branches[0].match.values")]
    [InlineData("""{"steps":[{"step_id":"a","type":"wait_for_reply","timeout_minutes":0}]}""", "steps[0].timeout_minutes")]
    [InlineData("""{"steps":[{"step_id":"a","type":"update_contact"}]}""", "steps[0]")]
    [InlineData("""{"steps":[{"step_id":"a","type":"update_contact","value":"x"}]}""", "steps[0].field")]
    [InlineData("""{"steps":[{"step_id":"a","type":"update_contact","updates":[{"field":"plan","value":"x"}],"field":"plan"}]}""", "steps[0].field")]
    [InlineData("""{"steps":[{"step_id":"a","type":"update_contact","updates":[]}]}""", "steps[0].updates")]
    [InlineData("""{"steps":[{"step_id":"a","type":"update_contact","updates":[{"value":"x"}]}]}""", "steps[0].updates[0].field")]
    [InlineData("""{"steps":[{"step_id":"a","type":"update_contact","updates":[{"field":"plan","value":"x","write_mode":"append"}]}]}""", "steps[0].updates[0].write_mode")]
    [InlineData("""{"steps":[{"step_id":"a","type":"send_webhook","method":"delete"}]}""", "steps[0].method")]
    [InlineData("""{"steps":[{"step_id":"a","type":"send_webhook","auth_type":"basic"}]}""", "steps[0].auth_type")]
    [InlineData("""{"steps":[{"step_id":"a","type":"send_webhook","auth_type":"jwt"}]}""", "steps[0].auth_type")]
    [InlineData("""{"steps":[{"step_id":"a","type":"send_webhook","auth_type":"jwt","token":"t","secret_ref":"s"}]}""", "steps[0].auth_type")]
    [InlineData("""{"steps":[{"step_id":"a","type":"send_webhook","token":"t"}]}""", "steps[0].token")]
    [InlineData("""{"steps":[{"step_id":"a","type":"send_webhook","auth_type":"none","secret_ref":"s"}]}""", "steps[0].secret_ref")]
    [InlineData("""{"steps":[{"step_id":"a","type":"send_webhook","auth_type":"jwt","secret_ref":"Not-A-Name"}]}""", "steps[0].secret_ref")]
    [InlineData("""{"steps":[{"step_id":"a","type":"send_webhook","on_failure":"retry"}]}""", "steps[0].on_failure")]
    [InlineData("""{"steps":[{"step_id":"a","type":"send_webhook","endpoint_url":"ftp://example.com/x"}]}""", "steps[0].endpoint_url")]
    [InlineData("""{"steps":[{"step_id":"a","type":"send_webhook","endpoint_url":"/relative"}]}""", "steps[0].endpoint_url")]
    [InlineData("""{"steps":[{"step_id":"a","type":"send_webhook","custom_fields":{"contact":"x"}}]}""", "steps[0].custom_fields.contact")]
    [InlineData("""{"steps":[{"step_id":"a","type":"send_sms","body":"LONGSMS"}]}""", "steps[0].body")]
    [InlineData("""{"steps":[{"step_id":"a","type":"send_sms","media_url":"not a url"}]}""", "steps[0].media_url")]
    [InlineData("""{"steps":[{"step_id":"a","type":"create_page","source":"blank"}]}""", "steps[0].source")]
    [InlineData("""{"steps":[{"step_id":"a","type":"create_page","source":"template"}]}""", "steps[0].template_id")]
    [InlineData("""{"steps":[{"step_id":"a","type":"create_page","source":"scratch","template_id":"01935a6e-0000-7000-8000-000000000004"}]}""", "steps[0].template_id")]
    [InlineData("""{"steps":[null]}""", "steps[0]")]
    [InlineData("""{"steps":[{"step_id":"a","type":"condition_check","condition":{"source":"context","field":"x","operator":"eq","value":1}}]}""", "")]
    [InlineData("""{"triggers":[null]}""", "triggers[0]")]
    [InlineData("""{"triggers":[{"type":"date_based","field":"created_at","mode":"sometime"}]}""", "triggers[0].mode")]
    [InlineData("""{"triggers":[{"type":"date_based","field":"created_at"}]}""", "triggers[0].mode")]
    [InlineData("""{"triggers":[{"type":"date_based","field":"created_at","mode":"before_date"}]}""", "triggers[0].days_before")]
    [InlineData("""{"triggers":[{"type":"date_based","field":"created_at","mode":"before_date","days_before":0}]}""", "triggers[0].days_before")]
    [InlineData("""{"triggers":[{"type":"date_based","field":"created_at","mode":"after_date"}]}""", "triggers[0].days_after")]
    [InlineData("""{"triggers":[{"type":"date_based","field":"created_at","mode":"on_date","days_after":2}]}""", "triggers[0].days_after")]
    [InlineData("""{"triggers":[{"type":"date_based","field":"created_at","mode":"on_date","trigger_time":"09:15"}]}""", "triggers[0].trigger_time")]
    [InlineData("""{"triggers":[{"type":"date_based","field":"created_at","mode":"on_date","trigger_time":"24:00"}]}""", "triggers[0].trigger_time")]
    [InlineData("""{"triggers":[{"type":"date_based","field":"created_at","mode":"on_date","timezone":"CET-ish"}]}""", "triggers[0].timezone")]
    [InlineData("""{"triggers":[{"type":"contact_updated","field":"plan","operator":"resembles","value":"x"}]}""", "triggers[0].operator")]
    [InlineData("""{"triggers":[{"type":"contact_updated","field":"plan","operator":"changed","value":"x"}]}""", "triggers[0].value")]
    [InlineData("""{"triggers":[{"type":"contact_updated","field":"plan","operator":"in","value":"x"}]}""", "triggers[0].value")]
    [InlineData("""{"triggers":[{"type":"contact_updated","field":"plan","operator":"eq"}]}""", "triggers[0].value")]
    [InlineData("""{"triggers":[{"type":"contact_updated","field":"plan","value":"x"}]}""", "triggers[0].operator")]
    [InlineData("""{"triggers":[{"type":"contact_updated","field":"Plan!"}]}""", "triggers[0].field")]
    [InlineData("""{"triggers":[{"type":"event","name":" "}]}""", "triggers[0].name")]
    [InlineData("""{"triggers":[{"type":"event","name":"x","where":[{"property":"total","operator":"bigger","value":1}]}]}""", "triggers[0].where[0].operator")]
    [InlineData("""{"triggers":[{"type":"inbound_message","keywords":[]}]}""", "triggers[0].keywords")]
    [InlineData("""{"triggers":[{"type":"inbound_message","keywords":["ok",""]}]}""", "triggers[0].keywords[1]")]
    [InlineData("""{"reentry_policy":{"mode":"sometimes"}}""", "reentry_policy.mode")]
    [InlineData("""{"reentry_policy":{"mode":"after_cooldown"}}""", "reentry_policy.cooldown_minutes")]
    [InlineData("""{"reentry_policy":{"mode":"after_cooldown","cooldown_minutes":0}}""", "reentry_policy.cooldown_minutes")]
    [InlineData("""{"reentry_policy":{"mode":"after_exit","cooldown_minutes":5}}""", "reentry_policy.cooldown_minutes")]
    [InlineData("""{"settings":{"timezone":"Mars/Olympus"}}""", "settings.timezone")]
    [InlineData("""{"settings":{"session_ttl_minutes":0}}""", "settings.session_ttl_minutes")]
    [InlineData("""{"settings":{"quiet_hours":{"start":"21:00","end":"8am"}}}""", "settings.quiet_hours.end")]
    [InlineData("""{"settings":{"quiet_hours":{"start":"21:00"}}}""", "settings.quiet_hours.end")]
    public void A_format_problem_is_reported_at_its_path(string json, string path)
    {
        json = json.Replace("LONGSMS", new string('x', 1601), StringComparison.Ordinal)
            .Replace("LONG", new string('x', 201), StringComparison.Ordinal);
        var errors = Validate(json);
        if (path.Length == 0)
        {
            Assert.Empty(errors);
            return;
        }

        Assert.Contains(errors, e => e.Path == path);
    }

    [Fact]
    public void More_than_25_triggers_are_refused()
    {
        var triggers = string.Join(",", Enumerable.Repeat("""{"type":"api"}""", 26));
        Assert.Equal("triggers", Assert.Single(Validate($$"""{"triggers":[{{triggers}}]}""")).Path);
        Assert.Empty(Validate($$"""{"triggers":[{{string.Join(",", Enumerable.Repeat("""{"type":"api"}""", 25))}}]}"""));
    }

    [Fact]
    public void A_wait_mixing_modes_names_each_member_of_the_other_modes()
    {
        var errors = Validate("""
            {"steps":[{"step_id":"a","type":"wait","duration_amount":1,"duration_unit":"days",
              "until_date_field":"renewal","condition":{"source":"contact","field":"x","operator":"is_set"},
              "timeout_minutes":5}]}
            """);
        Assert.Equal("steps[0].until_date_field | steps[0].condition | steps[0].timeout_minutes", Paths(errors));
    }

    [Fact]
    public void Every_problem_is_reported_in_one_answer()
    {
        var errors = Validate("""
            {"triggers":[{"type":"date_based","field":"created_at","mode":"on_date","trigger_time":"7"}],
             "steps":[{"step_id":"a b","type":"send_webhook","method":"patch"},
                      {"step_id":"c","type":"split","branches":[{"percent":-1}]}],
             "reentry_policy":{"mode":"after_cooldown"},
             "settings":{"session_ttl_minutes":0,"timezone":"nowhere"}}
            """);
        Assert.Equal(
            "triggers[0].trigger_time | steps[0].step_id | steps[0].method | steps[1].branches[0].percent | "
            + "reentry_policy.cooldown_minutes | settings.session_ttl_minutes | settings.timezone",
            Paths(errors));
    }

    [Fact]
    public void Rule_trees_are_checked_with_their_paths()
    {
        var nested = "{\"source\":\"contact\",\"field\":\"x\",\"operator\":\"is_set\"}";
        for (var i = 0; i < 11; i++)
        {
            nested = $"{{\"not\":{nested}}}";
        }

        var errors = Validate($$"""{"disqualification_rules":{{nested}}}""");
        Assert.StartsWith("disqualification_rules", Assert.Single(errors).Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_step_ids_are_a_conflict_that_names_the_id()
    {
        var definition = RunnelJson.Deserialize<FlowDefinition>("""
            {"steps":[{"step_id":"a","type":"drop_from_flow"},{"step_id":"b","type":"drop_from_flow"},
                      {"step_id":"a","type":"drop_from_flow"}]}
            """)!;
        var error = Assert.Throws<RunnelException>(() => FlowValidator.ThrowIfDuplicateStepIds(definition.Steps));
        Assert.Equal(ErrorCodes.FlowDuplicateStepId, error.Code);
        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
        Assert.Equal("a", error.Extensions!["step_id"]);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("a", true)]
    [InlineData("Welcome_1.v2:final-B", true)]
    [InlineData("with space", false)]
    [InlineData("slash/no", false)]
    public void Step_ids_are_1_to_120_characters_of_the_allowed_set(string id, bool valid)
    {
        Assert.Equal(valid, FlowValidator.IsStepId(id));
        Assert.True(FlowValidator.IsStepId(new string('x', 120)));
        Assert.False(FlowValidator.IsStepId(new string('x', 121)));
    }

    [Fact]
    public void Names_and_descriptions_have_limits()
    {
        var errors = new ValidationErrors();
        FlowValidator.ValidateName("  ", "name", errors);
        FlowValidator.ValidateName(new string('n', 201), "name2", errors);
        FlowValidator.ValidateName(new string('n', 200), "fine", errors);
        FlowValidator.ValidateDescription(new string('d', 2001), "description", errors);
        FlowValidator.ValidateDescription(new string('d', 2000), "fine", errors);
        Assert.Equal("name | name2 | description", Paths(errors.Items));
    }
}
