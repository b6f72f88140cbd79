using System.Net;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Sms;

/// <summary>
/// Seed 001's abandoned-cart conversation end to end in test mode: no provider, so every SMS lands in the dev outbox
/// and <c>POST /v1/dev/sms/inbound</c> plays the customer's replies on the dev clock.
/// </summary>
public sealed class SmsConversationTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{

    [Fact]
    public async Task Reply_1_finishes_the_order_and_the_member_completes()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var sender = await ws.SetSenderAsync();
        var flowId = await ws.ActiveFlowAsync(SmsScenario.CartMenu());
        var phone = SmsScenario.NewPhone();
        var memberId = await ws.StartAsync(flowId, phone);

        var member = await ws.MemberAsync(flowId, memberId);
        Assert.Equal("waiting", member.Status());
        Assert.Equal("wait", member["current_step_id"]!.GetValue<string>());
        var sent = Assert.Single(member.Entries("sms_sent"));
        Assert.Equal("gsm7", sent["data"]!["encoding"]!.GetValue<string>());
        Assert.Equal(1, sent["data"]!["segments"]!.GetValue<int>());
        Assert.Equal(sender, sent["data"]!["from"]!.GetValue<string>());
        Assert.Equal(["Hi Ada, cart 987 is waiting. Reply 1 to finish your order, 2 to talk to us."],
            await ws.TextsToAsync(phone));

        var answer = await ws.TextAsync(phone, " 1 ");
        Assert.Equal("reply", answer["routed_to"]!.GetValue<string>());
        Assert.Equal(memberId, answer["member_id"]!.GetValue<string>());

        member = await ws.MemberAsync(flowId, memberId);
        Assert.Equal("completed", member.Status());
        var reply = Assert.Single(member.Entries("reply_received"));
        Assert.Equal(" 1 ", reply["data"]!["text"]!.GetValue<string>());
        Assert.Equal(0, reply["data"]!["branch"]!.GetValue<int>());
        Assert.Equal("finish", reply["data"]!["next_step_id"]!.GetValue<string>());
        Assert.Equal("Great! Finish here: https://shop.example/cart/987", (await ws.TextsToAsync(phone))[^1]);
    }

    [Fact]
    public async Task Reply_2_talks_to_us_and_the_reply_is_available_as_reply_text()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.SetSenderAsync();
        var flowId = await ws.ActiveFlowAsync(SmsScenario.CartMenu());
        var phone = SmsScenario.NewPhone();
        var memberId = await ws.StartAsync(flowId, phone);

        await ws.TextAsync(phone, "2 please");

        var member = await ws.MemberAsync(flowId, memberId);
        Assert.Equal("completed", member.Status());
        Assert.Equal("branch:2", Assert.Single(member.Entries("step_executed"),
            e => e["step_id"]!.GetValue<string>() == "talk")["data"]!["edge"]!.GetValue<string>());
        Assert.Equal("An agent will text you shortly. You said: 2 please", (await ws.TextsToAsync(phone))[^1]);
    }

    [Fact]
    public async Task An_unmatched_reply_re_prompts_and_the_next_reply_is_routed()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.SetSenderAsync();
        var flowId = await ws.ActiveFlowAsync(SmsScenario.CartMenu());
        var phone = SmsScenario.NewPhone();
        var memberId = await ws.StartAsync(flowId, phone);

        await ws.TextAsync(phone, "what?");
        var member = await ws.MemberAsync(flowId, memberId);
        Assert.Equal("waiting", member.Status());
        Assert.Equal("wait", member["current_step_id"]!.GetValue<string>());
        Assert.Equal("no_match", member.Entries("reply_received")[0]["data"]!["branch"]!.GetValue<string>());
        Assert.Equal("Sorry, \"what?\" is not an option. Reply 1 or 2.", (await ws.TextsToAsync(phone))[^1]);

        await ws.TextAsync(phone, "TWO");
        member = await ws.MemberAsync(flowId, memberId);
        Assert.Equal("completed", member.Status());
        Assert.Equal(3, (await ws.TextsToAsync(phone)).Length);
    }

    [Fact]
    public async Task No_reply_takes_the_timeout_branch_counted_from_the_send()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.SetSenderAsync();
        var flowId = await ws.ActiveFlowAsync(SmsScenario.CartMenu(timeoutMinutes: 20));
        var phone = SmsScenario.NewPhone();
        var memberId = await ws.StartAsync(flowId, phone);

        await ws.AdvanceAsync(TimeSpan.FromMinutes(19));
        Assert.Equal("waiting", (await ws.MemberAsync(flowId, memberId)).Status());
        await ws.AdvanceAsync(TimeSpan.FromMinutes(2));

        var member = await ws.MemberAsync(flowId, memberId);
        Assert.Equal("completed", member.Status());
        Assert.Single(member.Entries("reply_timeout"));
        Assert.DoesNotContain("dropped", member.TimelineTypes());
        Assert.Equal("Your cart 987 expires soon.", (await ws.TextsToAsync(phone))[^1]);
    }

    [Fact]
    public async Task Without_a_timeout_the_default_30_minute_session_ends_the_conversation()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.SetSenderAsync();
        var flowId = await ws.ActiveFlowAsync(SmsScenario.CartMenu(timeoutMinutes: null));
        var phone = SmsScenario.NewPhone();
        var memberId = await ws.StartAsync(flowId, phone);

        await ws.AdvanceAsync(TimeSpan.FromMinutes(29));
        Assert.Equal("waiting", (await ws.MemberAsync(flowId, memberId)).Status());
        await ws.AdvanceAsync(TimeSpan.FromMinutes(2));

        var member = await ws.MemberAsync(flowId, memberId);
        Assert.Equal("dropped", member.Status());
        Assert.Equal("session_expired", member["exit_reason"]!.GetValue<string>());
        Assert.Empty(member.Entries("reply_timeout"));

        // A late reply reaches no conversation: it is the contact's sms_received event.
        var late = await ws.TextAsync(phone, "1");
        Assert.Equal("event", late["routed_to"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_timeout_longer_than_the_session_never_fires_the_session_ends_first()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.SetSenderAsync();
        var flowId = await ws.ActiveFlowAsync(SmsScenario.CartMenu(timeoutMinutes: 60, ttlMinutes: 45));
        var phone = SmsScenario.NewPhone();
        var memberId = await ws.StartAsync(flowId, phone);

        await ws.AdvanceAsync(TimeSpan.FromMinutes(50));
        var member = await ws.MemberAsync(flowId, memberId);
        Assert.Equal("session_expired", member["exit_reason"]!.GetValue<string>());
        Assert.Single(await ws.TextsToAsync(phone));
    }
}
