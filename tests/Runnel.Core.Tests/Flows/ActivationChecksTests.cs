using Runnel.Core.Errors;
using Runnel.Core.Flows;
using Runnel.Core.Json;

namespace Runnel.Core.Tests.Flows;

public sealed class ActivationChecksTests
{
    private static readonly Guid StaticList = Guid.Parse("01935a6e-0000-7000-8000-000000000001");
    private static readonly Guid DynamicList = Guid.Parse("01935a6e-0000-7000-8000-000000000002");
    private static readonly Guid MissingId = Guid.Parse("01935a6e-0000-7000-8000-0000000000ff");
    private static readonly Guid ApprovedEmail = Guid.Parse("01935a6e-0000-7000-8000-000000000010");
    private static readonly Guid DraftEmail = Guid.Parse("01935a6e-0000-7000-8000-000000000011");

    private sealed class Catalog(bool smsSender = true) : IActivationCatalog
    {
        public Task<bool> HasSmsSenderAsync() =>
            Task.FromResult<bool>(smsSender);

        public Task<ListKind?> FindListAsync(Guid listId) =>
            Task.FromResult<ListKind?>(
                listId == StaticList ? ListKind.Static : listId == DynamicList ? ListKind.Dynamic : null);

        public Task<CustomFieldInfo?> FindCustomFieldAsync(string apiName) =>
            Task.FromResult<CustomFieldInfo?>(apiName switch
        {
            "plan" => new CustomFieldInfo("text", Active: true),
            "renewal_on" => new CustomFieldInfo("date", Active: true),
            "last_seen_at" => new CustomFieldInfo("datetime", Active: true),
            "old_date" => new CustomFieldInfo("date", Active: false),
            _ => null,
        });

        public Task<bool> SecretExistsAsync(string name) =>
            Task.FromResult<bool>(name == "crm_key");

        public Task<bool> FormExistsAsync(Guid formId) =>
            Task.FromResult<bool>(false);

        public Task<bool> PageShowsFormAsync(Guid pageId, Guid formId) =>
            Task.FromResult<bool>(false);

        public Task<bool> TemplateExistsAsync(Guid templateId) =>
            Task.FromResult<bool>(false);

        public Task<EmailState?> FindEmailAsync(Guid emailId) =>
            Task.FromResult<EmailState?>(
                emailId == ApprovedEmail ? EmailState.Approved : emailId == DraftEmail ? EmailState.Draft : null);
    }

    private static async Task<IReadOnlyList<FieldError>> CheckAsync(string json,
        IReadOnlySet<string>? allowedHosts = null,
        bool smsSender = true)
    {
        var definition = RunnelJson.Deserialize<FlowDefinition>(json)!;
        // Every type counts as executable here: ExecutableStepTypesTests covers which ones this server runs.
        return await ActivationChecks.CheckAsync(definition, new Catalog(smsSender), allowedHosts, EveryStepType);
    }

    private static readonly IReadOnlySet<string> EveryStepType = typeof(StepTypes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Select(f => (string)f.GetValue(null)!).ToHashSet(StringComparer.Ordinal);

    private static async Task<FieldError> SingleAsync(string json) => Assert.Single(await CheckAsync(json));

    private const string Drop = """{"step_id":"end","type":"drop_from_flow"}""";

    [Fact]
    public async Task A_complete_flow_passes()
    {
        var problems = await CheckAsync($$$"""
            {"triggers":[{"type":"api"},{"type":"added_to_static_list","list_id":"{{{StaticList}}}"},
                         {"type":"contact_updated","field":"plan","operator":"changed"},
                         {"type":"contact_updated","field":"first_name"},
                         {"type":"date_based","field":"renewal_on","mode":"on_date"},
                         {"type":"date_based","field":"created_at","mode":"after_date","days_after":7},
                         {"type":"event","name":"order_placed"},{"type":"inbound_message","keywords":["JOIN"]}],
             "steps":[{"step_id":"mail","type":"send_email","email_id":"{{{ApprovedEmail}}}","next_step_id":"ask"},
                      {"step_id":"ask","type":"wait_for_reply","branches":[{"match":{"type":"any"},"next_step_id":"check"}],
                       "timeout_step_id":"check"},
                      {"step_id":"check","type":"condition_check","condition":{"source":"email_step","step_id":"mail","operator":"opened"},
                       "true_step_id":"hook","false_step_id":"until"},
                      {"step_id":"until","type":"wait","until_date_field":"last_seen_at","next_step_id":"split"},
                      {"step_id":"split","type":"split","branches":[{"percent":50,"next_step_id":"hook"},{"percent":50,"next_step_id":"mail"}]},
                      {"step_id":"hook","type":"send_webhook","endpoint_url":"https://crm.example.com/hook","auth_type":"jwt",
                       "secret_ref":"crm_key","next_step_id":"add"},
                      {"step_id":"add","type":"add_to_list","list_id":"{{{StaticList}}}"}],
             "settings":{"session_ttl_minutes":30}}
            """);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task No_steps()
    {
        var problem = await SingleAsync("""{"triggers":[{"type":"api"}]}""");
        Assert.Equal(new FieldError("steps", "the flow has no steps"), problem);
    }

    [Fact]
    public async Task An_edge_naming_a_missing_step()
    {
        var problem = await SingleAsync(
            """{"steps":[{"step_id":"a","type":"send_sms","body":"x","next_step_id":"ghost"}]}""");
        Assert.Equal("steps[0].next_step_id", problem.Path);
        Assert.Contains("'ghost'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_branch_edge_naming_a_missing_step()
    {
        var problem = await SingleAsync("""
            {"steps":[{"step_id":"s","type":"split","branches":[{"percent":100,"next_step_id":"nowhere"}]}]}
            """);
        Assert.Equal("steps[0].branches[0].next_step_id", problem.Path);
    }

    [Fact]
    public async Task An_entry_step_that_does_not_exist()
    {
        var problem = await SingleAsync($$"""{"entry_step_id":"ghost","steps":[{{Drop}}]}""");
        Assert.Equal("entry_step_id", problem.Path);
    }

    [Fact]
    public async Task A_step_unreachable_from_the_entry()
    {
        var problem = await SingleAsync($$"""
            {"steps":[{"step_id":"a","type":"send_sms","body":"x"},{{Drop}}]}
            """);
        Assert.Equal("steps[1]", problem.Path);
        Assert.Contains("'end'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_entry_step_id_decides_what_is_reachable()
    {
        var problem = await SingleAsync("""
            {"entry_step_id":"b","steps":[{"step_id":"a","type":"send_sms","body":"x","next_step_id":"b"},
                                          {"step_id":"b","type":"drop_from_flow"}]}
            """);
        Assert.Equal("steps[0]", problem.Path);
    }

    [Fact]
    public async Task A_cycle_without_a_wait()
    {
        var problem = await SingleAsync("""
            {"steps":[{"step_id":"a","type":"send_sms","body":"x","next_step_id":"b"},
                      {"step_id":"b","type":"condition_check","condition":{"source":"contact","field":"plan","operator":"is_set"},
                       "true_step_id":"c","false_step_id":"a"},
                      {"step_id":"c","type":"drop_from_flow"}]}
            """);
        Assert.Equal("steps[0]", problem.Path);
        Assert.Contains("a → b → a", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_that_loops_to_itself()
    {
        var self = await SingleAsync(
            """{"steps":[{"step_id":"a","type":"send_sms","body":"x","next_step_id":"a"}]}""");
        Assert.Equal("steps[0]", self.Path);
    }

    [Fact]
    public async Task Cycles_through_a_wait_or_wait_for_reply_are_fine()
    {
        var problems = await CheckAsync("""
            {"steps":[{"step_id":"a","type":"send_sms","body":"x","next_step_id":"w"},
                      {"step_id":"w","type":"wait","duration_amount":1,"duration_unit":"days","next_step_id":"a"},
                      {"step_id":"self","type":"wait","duration_amount":1,"duration_unit":"days","next_step_id":"self"}],
             "entry_step_id":"a"}
            """);
        Assert.Equal("steps[2]", Assert.Single(problems).Path);
        Assert.Empty(await CheckAsync("""
            {"steps":[{"step_id":"ask","type":"wait_for_reply","no_match_step_id":"again"},
                      {"step_id":"again","type":"send_sms","body":"Please answer YES or NO","next_step_id":"ask"}],
             "settings":{"session_ttl_minutes":10}}
            """));
    }

    [Fact]
    public async Task Send_email_without_an_email()
    {
        Assert.Equal(new FieldError("steps[0].email_id", "send_email step has no email"),
            await SingleAsync("""{"steps":[{"step_id":"a","type":"send_email"}]}"""));
    }

    [Fact]
    public async Task Send_email_with_an_email_that_does_not_exist()
    {
        Assert.Equal(new FieldError("steps[0].email_id", "email does not exist"),
            await SingleAsync($$"""{"steps":[{"step_id":"a","type":"send_email","email_id":"{{MissingId}}"}]}"""));
    }

    [Fact]
    public async Task Send_email_with_a_draft_email()
    {
        Assert.Equal(new FieldError("steps[0].email_id", "email is not approved"),
            await SingleAsync($$"""{"steps":[{"step_id":"a","type":"send_email","email_id":"{{DraftEmail}}"}]}"""));
    }

    [Theory]
    [InlineData("add_to_list", "")]
    [InlineData("add_to_list", "01935a6e-0000-7000-8000-0000000000ff")]
    [InlineData("remove_from_list", "01935a6e-0000-7000-8000-000000000002")]
    [InlineData("remove_from_list", "")]
    public async Task List_steps_need_an_existing_static_list(string type, string listId)
    {
        var list = listId.Length == 0 ? "" : $",\"list_id\":\"{listId}\"";
        var problem = await SingleAsync($$"""{"steps":[{"step_id":"a","type":"{{type}}"{{list}}}]}""");
        Assert.Equal("steps[0].list_id", problem.Path);
    }

    [Theory]
    [InlineData("added_to_static_list", "", "has no list")]
    [InlineData("added_to_static_list", "01935a6e-0000-7000-8000-0000000000ff", "list does not exist")]
    [InlineData("removed_from_static_list", "01935a6e-0000-7000-8000-000000000002", "list is not static")]
    public async Task List_triggers_need_an_existing_static_list(string type, string listId, string message)
    {
        var list = listId.Length == 0 ? "" : $",\"list_id\":\"{listId}\"";
        var problem = await SingleAsync(
            $$"""{"triggers":[{"type":"api"},{"type":"{{type}}"{{list}}}],"steps":[{{Drop}}]}""");
        Assert.Equal("triggers[1].list_id", problem.Path);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_trigger_without_its_form_or_with_a_missing_one()
    {
        var problems = await CheckAsync($$"""
            {"triggers":[{"type":"form_submitted"},{"type":"form_submitted","form_id":"{{MissingId}}"}],"steps":[{{Drop}}]}
            """);
        Assert.Equal(["triggers[0].form_id", "triggers[1].form_id"], problems.Select(p => p.Path));
    }

    [Theory]
    [InlineData("""{"type":"contact_updated"}""", "triggers[0].field")]
    [InlineData("""{"type":"contact_updated","field":"shoe_size"}""", "triggers[0].field")]
    [InlineData("""{"type":"date_based","mode":"on_date"}""", "triggers[0].field")]
    [InlineData("""{"type":"date_based","field":"plan","mode":"on_date"}""", "triggers[0].field")]
    [InlineData("""{"type":"date_based","field":"old_date","mode":"on_date"}""", "triggers[0].field")]
    [InlineData("""{"type":"date_based","field":"updated_at","mode":"on_date"}""", "triggers[0].field")]
    [InlineData("""{"type":"date_based","field":"nope","mode":"on_date"}""", "triggers[0].field")]
    [InlineData("""{"type":"event"}""", "triggers[0].name")]
    [InlineData("""{"type":"inbound_message"}""", "triggers[0].keywords")]
    public async Task A_trigger_without_its_field_or_on_a_field_that_does_not_fit(string trigger, string path)
    {
        Assert.Equal(path, (await SingleAsync($$"""{"triggers":[{{trigger}}],"steps":[{{Drop}}]}""")).Path);
    }

    [Theory]
    [InlineData("shoe_size")]
    [InlineData("plan")]
    [InlineData("old_date")]
    public async Task A_wait_until_a_field_that_is_not_an_active_date_field(string field)
    {
        Assert.Equal("steps[0].until_date_field", (await SingleAsync($$"""
            {"steps":[{"step_id":"a","type":"wait","until_date_field":"{{field}}"}]}
            """)).Path);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://localhost/hook")]
    [InlineData("https://api.localhost/hook")]
    [InlineData("http://127.0.0.1:8080/")]
    [InlineData("http://10.1.2.3/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://[::ffff:192.168.0.1]/")]
    [InlineData("http://2130706433/")]
    [InlineData("http://0x7f.0.0.1/")]
    [InlineData("http://0177.0.0.1/")]
    [InlineData("http://100.64.0.1/")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    public async Task A_webhook_without_a_public_url(string? url)
    {
        var endpoint = url is null ? "" : $",\"endpoint_url\":\"{url}\"";
        Assert.Equal("steps[0].endpoint_url",
            (await SingleAsync($$"""{"steps":[{"step_id":"a","type":"send_webhook"{{endpoint}}}]}""")).Path);
    }

    [Fact]
    public async Task An_operator_allowed_private_host_passes()
    {
        const string json = """{"steps":[{"step_id":"a","type":"send_webhook","endpoint_url":"http://billing.internal:8080/x"}]}""";
        Assert.Empty(await CheckAsync(json));
        const string local = """{"steps":[{"step_id":"a","type":"send_webhook","endpoint_url":"http://localhost:9000/x"}]}""";
        Assert.Single(await CheckAsync(local));
        Assert.Empty(await CheckAsync(local, new HashSet<string> { "localhost:9000" }));
    }

    [Fact]
    public async Task A_secret_ref_that_does_not_exist()
    {
        var problem = await SingleAsync("""
            {"steps":[{"step_id":"a","type":"send_webhook","endpoint_url":"https://example.com/h","auth_type":"jwt","secret_ref":"gone"}]}
            """);
        Assert.Equal("steps[0].secret_ref", problem.Path);
    }

    [Fact]
    public async Task A_split_not_summing_to_100()
    {
        var problem = await SingleAsync($$"""
            {"steps":[{"step_id":"s","type":"split","branches":[{"percent":30,"next_step_id":"end"},{"percent":30}]},{{Drop}}]}
            """);
        Assert.Equal("steps[0].branches", problem.Path);
        Assert.Contains("60", problem.Message, StringComparison.Ordinal);
    }

    /// <summary>Issue 15: a session TTL is no longer demanded (it defaults to 30 minutes); a sender number is.</summary>
    [Fact]
    public async Task Wait_for_reply_needs_no_session_ttl_but_sms_steps_need_the_workspace_sender()
    {
        Assert.Empty(await CheckAsync("""{"steps":[{"step_id":"ask","type":"wait_for_reply"}]}"""));
        var problems = await CheckAsync("""
            {"steps":[{"step_id":"hi","type":"send_sms","body":"x","next_step_id":"ask"},
                      {"step_id":"ask","type":"wait_for_reply"}]}
            """, smsSender: false);
        Assert.Equal(["steps[0]", "steps[1]"], problems.Select(p => p.Path));
        Assert.All(problems, p => Assert.Contains("settings.sms_from", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_sms_without_a_body()
    {
        Assert.Equal("steps[0].body", (await SingleAsync("""{"steps":[{"step_id":"hi","type":"send_sms"}]}""")).Path);
    }

    [Fact]
    public async Task An_email_step_condition_naming_a_step_that_is_not_send_email()
    {
        var problems = await CheckAsync($$$"""
            {"triggers":[{"type":"api","segment":{"source":"email_step","step_id":"ghost","operator":"sent"}}],
             "steps":[{"step_id":"sms","type":"send_sms","body":"x","next_step_id":"check"},
                      {"step_id":"check","type":"condition_check",
                       "condition":{"all":[{"source":"contact","field":"plan","operator":"is_set"},
                                           {"not":{"source":"email_step","step_id":"sms","operator":"opened"}}]},
                       "true_step_id":"end"},{{{Drop}}}]}
            """);
        Assert.Equal(["triggers[0].segment.step_id", "steps[1].condition.all[1].not.step_id"], problems.Select(p => p.Path));
    }

    [Fact]
    public async Task Several_problems_are_reported_together()
    {
        var problems = await CheckAsync($$"""
            {"triggers":[{"type":"added_to_static_list","list_id":"{{DynamicList}}"},{"type":"date_based","field":"plan","mode":"on_date"}],
             "steps":[{"step_id":"mail","type":"send_email","email_id":"{{DraftEmail}}","next_step_id":"ask"},
                      {"step_id":"ask","type":"wait_for_reply","no_match_step_id":"ghost","timeout_step_id":"hook"},
                      {"step_id":"hook","type":"send_webhook","endpoint_url":"http://192.168.1.10/x","next_step_id":"split"},
                      {"step_id":"split","type":"split","branches":[{"percent":90,"next_step_id":"loop"}]},
                      {"step_id":"loop","type":"send_sms","body":"x","next_step_id":"split"},
                      {"step_id":"orphan","type":"drop_from_flow"}]}
            """);
        Assert.Equal(
        [
            "triggers[0].list_id", "triggers[1].field", "steps[1].no_match_step_id", "steps[5]", "steps[3]",
            "steps[0].email_id", "steps[2].endpoint_url", "steps[3].branches",
        ], problems.Select(p => p.Path));
    }

    /// <summary>Issue 12: list leaves were never looked up, so a flow naming a list it cannot see activated.</summary>
    [Fact]
    public async Task List_leaf_naming_a_missing_list_blocks_activation()
    {
        var problems = await CheckAsync($$$"""
            {"triggers":[{"type":"api","segment":{"source":"list","list_id":"{{{MissingId}}}","operator":"in"}}],
             "disqualification_rules":{"any":[{"source":"list","list_id":"{{{StaticList}}}","operator":"in"},
                                              {"not":{"source":"list","list_id":"{{{MissingId}}}","operator":"not_in"}}]},
             "steps":[{"step_id":"check","type":"condition_check",
                       "condition":{"all":[{"source":"list","list_id":"{{{DynamicList}}}","operator":"in"},
                                           {"source":"list","list_id":"{{{Guid.CreateVersion7()}}}","operator":"in"}]},
                       "true_step_id":"end"},{{{Drop}}}]}
            """);
        Assert.Equal(
        [
            "triggers[0].segment.list_id", "steps[0].condition.all[1].list_id",
            "disqualification_rules.any[1].not.list_id",
        ], problems.Select(p => p.Path));
        Assert.All(problems, p => Assert.Equal("list does not exist", p.Message));
    }
}
