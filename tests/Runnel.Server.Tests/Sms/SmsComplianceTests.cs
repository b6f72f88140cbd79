using System.Net;
using System.Text.Json.Nodes;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Sms;

/// <summary>
/// API.md §12's routing before any conversation: STOP, HELP and START, keyword-started flows, unknown numbers, the
/// sms_received fallback and repeated provider message ids — in test mode, through <c>POST /v1/dev/sms/inbound</c>.
/// </summary>
public sealed class SmsComplianceTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    [Fact]
    public async Task Stop_in_the_middle_of_a_conversation_ends_it_confirms_once_and_later_sends_are_skipped()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.SetSenderAsync();
        var flowId = await ws.ActiveFlowAsync(SmsScenario.CartMenu());
        var phone = SmsScenario.NewPhone();
        var memberId = await ws.StartAsync(flowId, phone);

        var stop = await ws.TextAsync(phone, "  Stop! ");
        Assert.Equal("stop", stop["routed_to"]!.GetValue<string>());

        var member = await ws.MemberAsync(flowId, memberId);
        Assert.Equal("dropped", member.Status());
        Assert.Equal("unsubscribed", member["exit_reason"]!.GetValue<string>());
        Assert.Empty(member.Entries("reply_received"));
        var texts = await ws.TextsToAsync(phone);
        Assert.Equal(2, texts.Length);
        Assert.Contains("unsubscribed", texts[^1], StringComparison.Ordinal);
        var contact = await ws.Http.GetAsync($"/v1/contacts/{stop["contact_id"]!.GetValue<string>()}")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("unsubscribed", contact["sms_subscription_status"]!.GetValue<string>());

        // A new conversation for the unsubscribed contact sends nothing: its send_sms is skipped.
        var again = await ws.ActiveFlowAsync(SmsScenario.CartMenu(), "Second");
        var second = await ws.TriggerAsync(again, new { contact_id = stop["contact_id"]!.GetValue<string>() });
        await ws.AdvanceAsync(TimeSpan.FromMinutes(1));
        var skipped = await ws.MemberAsync(again, second.Id());
        Assert.Equal("unsubscribed", Assert.Single(skipped.Entries("sms_skipped"))["data"]!["reason"]!.GetValue<string>());
        Assert.Equal(2, (await ws.TextsToAsync(phone)).Length);
    }

    [Fact]
    public async Task Every_word_of_the_stop_family_unsubscribes()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.SetSenderAsync();
        foreach (var word in new[] { "STOP", "stopall", "Stop All", "UNSUBSCRIBE", "cancel", "END", "quit.", "REVOKE", "OptOut" })
        {
            var phone = SmsScenario.NewPhone();
            var answer = await ws.TextAsync(phone, word);
            Assert.Equal("stop", answer["routed_to"]!.GetValue<string>());
            Assert.Single(await ws.TextsToAsync(phone));
        }

        var notStop = await ws.TextAsync(SmsScenario.NewPhone(), "please stop");
        Assert.Equal("event", notStop["routed_to"]!.GetValue<string>());
    }

    [Fact]
    public async Task Help_answers_with_the_workspace_help_text_and_start_resubscribes()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.SetSenderAsync();
        await ws.Http.PatchJsonAsync("/v1/settings", new { sms_help_text = "Acme: reply STOP to opt out, call 555-0100." })
            .ExpectAsync(HttpStatusCode.OK);
        var phone = SmsScenario.NewPhone();

        Assert.Equal("help", (await ws.TextAsync(phone, "help"))["routed_to"]!.GetValue<string>());
        Assert.Equal(["Acme: reply STOP to opt out, call 555-0100."], await ws.TextsToAsync(phone));

        await ws.TextAsync(phone, "STOP");
        var start = await ws.TextAsync(phone, "unstop");
        Assert.Equal("start", start["routed_to"]!.GetValue<string>());
        var contact = await ws.Http.GetAsync($"/v1/contacts/{start["contact_id"]!.GetValue<string>()}")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("subscribed", contact["sms_subscription_status"]!.GetValue<string>());
        Assert.NotNull(contact["opted_in_at"]);
        Assert.Equal(3, (await ws.TextsToAsync(phone)).Length);
    }

    [Fact]
    public async Task An_unknown_number_becomes_a_contact_with_its_phone_only_and_an_sms_received_event()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.SetSenderAsync();
        var phone = SmsScenario.NewPhone();

        var answer = await ws.TextAsync(phone, "hello?");
        Assert.Equal("event", answer["routed_to"]!.GetValue<string>());
        var contactId = answer["contact_id"]!.GetValue<string>();
        var contact = await ws.Http.GetAsync($"/v1/contacts/{contactId}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(phone, contact["phone"]!.GetValue<string>());
        Assert.Null(contact["email"]);
        Assert.Equal("non_subscribed", contact["sms_subscription_status"]!.GetValue<string>());
        var events = await ws.Http.GetAsync($"/v1/contacts/{contactId}/events").ExpectAsync(HttpStatusCode.OK);
        var received = Assert.Single(events["events"]!.AsArray(), e => e!["name"]!.GetValue<string>() == "sms_received");
        Assert.Equal("hello?", received!["properties"]!["text"]!.GetValue<string>());
        Assert.Empty(await ws.TextsToAsync(phone));
    }

    [Fact]
    public async Task An_inbound_keyword_starts_the_flow_with_that_trigger()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.SetSenderAsync();
        var flowId = await ws.ActiveFlowAsync("""
            {"triggers":[{"type":"inbound_message","keywords":["JOIN","Deals"]}],
             "steps":[{"step_id":"welcome","type":"send_sms","body":"Welcome! You texted {{context.inbound.text}}."}]}
            """);
        var phone = SmsScenario.NewPhone();
        // START subscribes the new contact first, so the welcome can be sent.
        await ws.TextAsync(phone, "START");

        var answer = await ws.TextAsync(phone, "deals!");
        Assert.Equal("trigger", answer["routed_to"]!.GetValue<string>());
        var member = await ws.MemberAsync(flowId, answer["member_id"]!.GetValue<string>());
        Assert.Equal("completed", member.Status());
        Assert.Equal("inbound_message", member.Entries("entered_flow")[0]["data"]!["trigger"]!.GetValue<string>());
        Assert.Equal("Welcome! You texted deals!.", (await ws.TextsToAsync(phone))[^1]);

        Assert.Equal("event", (await ws.TextAsync(phone, "joinx"))["routed_to"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_repeated_provider_message_id_is_accepted_and_handled_once()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.SetSenderAsync();
        var flowId = await ws.ActiveFlowAsync(SmsScenario.CartMenu());
        var phone = SmsScenario.NewPhone();
        var memberId = await ws.StartAsync(flowId, phone);

        var first = await ws.TextAsync(phone, "what?", "SM-dup-1");
        var repeat = await ws.TextAsync(phone, "what?", "SM-dup-1");
        Assert.False(first["duplicate"]!.GetValue<bool>());
        Assert.True(repeat["duplicate"]!.GetValue<bool>());
        Assert.Equal("reply", repeat["routed_to"]!.GetValue<string>());

        var member = await ws.MemberAsync(flowId, memberId);
        Assert.Single(member.Entries("reply_received"));
        Assert.Equal(2, (await ws.TextsToAsync(phone)).Length);
    }

    [Fact]
    public async Task Activation_needs_the_workspace_sender_but_no_session_ttl()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var flow = await ws.Http.PostJsonAsync("/v1/flows", JsonNode.Parse(SmsScenario.CartMenu())!.AsObject()
            .Also(o => o["name"] = "Menu").ToJsonString()).ExpectAsync(HttpStatusCode.Created);
        var problem = await ws.Http.PostJsonAsync($"/v1/flows/{flow.Id()}/activate", null)
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "flow_not_ready");
        Assert.All(problem["missing"]!.AsArray(),
            p => Assert.Contains("settings.sms_from", p!["message"]!.GetValue<string>(), StringComparison.Ordinal));

        await ws.SetSenderAsync();
        await ws.Http.PostJsonAsync($"/v1/flows/{flow.Id()}/activate", null).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Settings_take_an_e164_sender_unique_per_workspace_and_quiet_hours()
    {
        using var ws = await factory.NewWorkspaceAsync();
        using var other = await factory.NewWorkspaceAsync();
        var settings = await ws.Http.PatchJsonAsync("/v1/settings",
            new { sms_from = "+1 (212) 555-9999", quiet_hours = new { start = "21:00", end = "08:00" } })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("+12125559999", settings["sms_from"]!.GetValue<string>());
        Assert.Equal("21:00", settings["quiet_hours"]!["start"]!.GetValue<string>());
        Assert.Equal("+12125559999",
            (await ws.Http.GetAsync("/v1/settings").ExpectAsync(HttpStatusCode.OK))["sms_from"]!.GetValue<string>());

        await other.Http.PatchJsonAsync("/v1/settings", new { sms_from = "+12125559999" }).ExpectValidationAsync("sms_from");
        await ws.Http.PatchJsonAsync("/v1/settings", new { sms_from = "555" }).ExpectValidationAsync("sms_from");
        await ws.Http.PatchJsonAsync("/v1/settings", new { quiet_hours = new { start = "25:00", end = "08:00" } })
            .ExpectValidationAsync("quiet_hours.start");
        await ws.Http.PatchJsonAsync("/v1/settings", new { quiet_hours = new { start = "08:00", end = "08:00" } })
            .ExpectValidationAsync("quiet_hours.end");
        var cleared = await ws.Http.PatchJsonAsync("/v1/settings", new { sms_from = (string?)null, quiet_hours = (object?)null })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Null(cleared["sms_from"]);
        Assert.Null(cleared["quiet_hours"]);
    }

    [Fact]
    public async Task Dev_inbound_rejects_bad_input_with_4xx_and_records_nothing()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.Http.PostJsonAsync("/v1/dev/sms/inbound", new { from = SmsScenario.NewPhone(), text = "hi" })
            .ExpectValidationAsync("to");
        var sender = await ws.SetSenderAsync();
        await ws.Http.PostJsonAsync("/v1/dev/sms/inbound", new { text = "hi" }).ExpectValidationAsync("from");
        await ws.Http.PostJsonAsync("/v1/dev/sms/inbound", new { from = "not a phone", text = "hi" })
            .ExpectValidationAsync("from");
        await ws.Http.PostJsonAsync("/v1/dev/sms/inbound", new { from = SmsScenario.NewPhone() }).ExpectValidationAsync("text");
        await ws.Http.PostJsonAsync("/v1/dev/sms/inbound",
            new { from = SmsScenario.NewPhone(), text = new string('x', 1601) }).ExpectValidationAsync("text");
        await ws.Http.PostJsonAsync("/v1/dev/sms/inbound",
            new { from = SmsScenario.NewPhone(), to = SmsScenario.NewSender(), text = "hi" }).ExpectValidationAsync("to");
        await ws.Http.PostJsonAsync("/v1/dev/sms/inbound", new { from = SmsScenario.NewPhone(), text = "hi", extra = 1 })
            .ExpectValidationAsync("extra");
        var contacts = await ws.Http.GetAsync("/v1/contacts").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(contacts["contacts"]!.AsArray());
        Assert.NotNull(sender);
    }
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject o, Action<JsonObject> change)
    {
        change(o);
        return o;
    }
}
