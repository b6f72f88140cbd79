using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Emails;
using Runnel.Core.Members;

namespace Runnel.Core.Tests.Runtime;

public sealed class StepInterpreterTests
{
    private static readonly Guid WelcomeEmail = Guid.Parse("01935a6e-0000-7000-8000-00000000000a");

    private readonly InterpreterFixture _fixture = new();

    public StepInterpreterTests()
    {
        _fixture.Emails[WelcomeEmail] = new ApprovedEmail(WelcomeEmail, Guid.Empty, 1, "Hi {{contact.first_name}}", null,
            "Runnel", "hello@runnel.test", null, "<p>Use {{campaign.dynamic.coupon_code}}</p>",
            "Use {{campaign.dynamic.coupon_code}}", InterpreterFixture.Start);
    }

    private static string Welcome => """
        {"steps":[
          {"step_id":"hello","type":"send_email","email_id":"01935a6e-0000-7000-8000-00000000000a","next_step_id":"pause"},
          {"step_id":"pause","type":"wait","duration_amount":2,"duration_unit":"days","at_time":"09:00","at_timezone":"contact","next_step_id":"check"},
          {"step_id":"check","type":"condition_check","condition":{"source":"email_step","step_id":"hello","operator":"opened"},
           "true_step_id":"thanks","false_step_id":"nudge"},
          {"step_id":"thanks","type":"update_contact","field":"plan","value":"engaged"},
          {"step_id":"nudge","type":"drop_from_flow"}
        ]}
        """;

    [Fact]
    public void Runs_until_the_first_wait_and_sends_the_rendered_email()
    {
        var definition = InterpreterFixture.Definition(Welcome);
        var contact = InterpreterFixture.Contact(timezone: "America/New_York");
        var member = InterpreterFixture.NewMember(definition, contact);

        var result = _fixture.Run(definition, member, contact, InterpreterFixture.Start);

        Assert.Equal(MemberStatus.Waiting, result.Member.Status);
        Assert.Equal("pause", result.Member.CurrentStepId);
        // 2 days after 10:00Z on 23 Nov is 05:00 New York on the 25th; the next 09:00 there is 14:00Z the same day.
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 14, 0, 0, TimeSpan.Zero), result.Member.WakeAt);
        var message = Assert.Single(result.Messages);
        Assert.Equal("Hi Ada", message.Subject);
        Assert.Equal("<p>Use SAVE20</p>", message.Html);
        Assert.Equal($"{member.Id:D}:hello:1", message.IdempotencyKey);
        Assert.StartsWith("<https://runnel.test/u/token>, <mailto:", message.Headers["List-Unsubscribe"],
            StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Matches("^<[0-9a-f]{32}\\.runnel@", message.Headers["Message-ID"]);
        Assert.Equal(
            ["step_executed", "email_sent", "step_executed", "waiting"],
            result.Timeline.Select(t => t.Type).ToArray());
        Assert.True(result.Member.Engagement["hello"]!["sent"]!.GetValue<bool>());
    }

    [Fact]
    public void Waking_after_the_wait_branches_on_the_condition()
    {
        var definition = InterpreterFixture.Definition(Welcome);
        var contact = InterpreterFixture.Contact();
        var first = _fixture.Run(definition, InterpreterFixture.NewMember(definition, contact), contact, InterpreterFixture.Start);
        var wake = first.Member.WakeAt!.Value;

        var early = _fixture.Run(definition, first.Member, contact, wake.AddMinutes(-1));
        Assert.Equal(MemberStatus.Waiting, early.Member.Status);
        Assert.Equal(wake, early.Member.WakeAt);
        Assert.Empty(early.Timeline);

        _fixture.Oracle = (_, _, _) => true;
        var done = _fixture.Run(definition, first.Member, contact, wake);
        Assert.Equal(MemberStatus.Completed, done.Member.Status);
        Assert.Equal("engaged", done.Contact.Fields["plan"]!.GetValue<string>());
        Assert.Equal("engaged", done.ContactChanges["plan"]!.GetValue<string>());
        Assert.Contains(done.Timeline, t => t.Type == "branch_taken" && t.Data["branch"]!.GetValue<string>() == "true");

        _fixture.Oracle = (_, _, _) => false;
        var dropped = _fixture.Run(definition, first.Member, contact, wake);
        Assert.Equal(MemberStatus.Dropped, dropped.Member.Status);
        Assert.Equal(ExitReasons.DroppedByStep, dropped.Member.ExitReason);
    }

    [Fact]
    public void Unsubscribed_contacts_skip_marketing_email_but_get_operational_email()
    {
        var definition = InterpreterFixture.Definition("""
            {"steps":[{"step_id":"a","type":"send_email","email_id":"01935a6e-0000-7000-8000-00000000000a","next_step_id":"b"},
                      {"step_id":"b","type":"send_email","email_id":"01935a6e-0000-7000-8000-00000000000a","operational":true}]}
            """);
        var contact = InterpreterFixture.Contact() with { EmailSubscriptionStatus = SubscriptionStatus.Unsubscribed };
        var result = _fixture.Run(definition, InterpreterFixture.NewMember(definition, contact), contact, InterpreterFixture.Start);

        Assert.Equal(MemberStatus.Completed, result.Member.Status);
        var message = Assert.Single(result.Messages);
        Assert.Equal("b", message.StepId);
        Assert.False(message.Headers.ContainsKey("List-Unsubscribe"));
        Assert.Contains(result.Timeline, t => t.Type == "email_skipped" && t.StepId == "a");
    }

    [Fact]
    public void Condition_wait_times_out_to_its_timeout_step()
    {
        var definition = InterpreterFixture.Definition("""
            {"steps":[{"step_id":"w","type":"wait","condition":{"source":"contact","field":"plan","operator":"eq","value":"pro"},
                       "timeout_minutes":30,"timeout_step_id":"late","next_step_id":"ok"},
                      {"step_id":"ok","type":"drop_from_flow"},
                      {"step_id":"late","type":"update_contact","updates":[{"field":"plan","value":"lapsed"}]}]}
            """);
        var contact = InterpreterFixture.Contact();
        var parked = _fixture.Run(definition, InterpreterFixture.NewMember(definition, contact), contact, InterpreterFixture.Start);
        Assert.Equal(MemberStatus.Waiting, parked.Member.Status);
        Assert.Equal(WaitKinds.Condition, parked.Member.WaitKind);
        Assert.Equal(InterpreterFixture.Start.AddMinutes(30), parked.Member.WakeAt);

        var stillWaiting = _fixture.Run(definition, parked.Member, contact, InterpreterFixture.Start.AddMinutes(10));
        Assert.Equal(MemberStatus.Waiting, stillWaiting.Member.Status);

        var timedOut = _fixture.Run(definition, parked.Member, contact, InterpreterFixture.Start.AddMinutes(30));
        Assert.Equal(MemberStatus.Completed, timedOut.Member.Status);
        Assert.Equal("lapsed", timedOut.Contact.Fields["plan"]!.GetValue<string>());
    }

    [Fact]
    public void Disqualified_members_are_dropped_before_the_next_step()
    {
        var definition = InterpreterFixture.Definition("""
            {"disqualification_rules":{"source":"contact","field":"plan","operator":"eq","value":"churned"},
             "steps":[{"step_id":"a","type":"drop_from_flow"}]}
            """);
        _fixture.Oracle = (_, _, _) => true;
        var contact = InterpreterFixture.Contact();
        var result = _fixture.Run(definition, InterpreterFixture.NewMember(definition, contact), contact, InterpreterFixture.Start);
        Assert.Equal(ExitReasons.Disqualified, result.Member.ExitReason);
    }

    [Fact]
    public void Session_ttl_expires_an_idle_membership()
    {
        var definition = InterpreterFixture.Definition("""
            {"settings":{"session_ttl_minutes":30},
             "steps":[{"step_id":"w","type":"wait","duration_amount":2,"duration_unit":"hours","next_step_id":"x"},
                      {"step_id":"x","type":"drop_from_flow"}]}
            """);
        var contact = InterpreterFixture.Contact();
        var parked = _fixture.Run(definition, InterpreterFixture.NewMember(definition, contact), contact, InterpreterFixture.Start);
        Assert.Equal(InterpreterFixture.Start.AddMinutes(30), parked.Member.WakeAt);
        var expired = _fixture.Run(definition, parked.Member, contact, InterpreterFixture.Start.AddMinutes(30));
        Assert.Equal(MemberStatus.Dropped, expired.Member.Status);
        Assert.Equal(ExitReasons.SessionExpired, expired.Member.ExitReason);
    }

    [Fact]
    public void Split_is_deterministic_and_roughly_proportional()
    {
        var definition = InterpreterFixture.Definition("""
            {"steps":[{"step_id":"s","type":"split","branches":[{"percent":30,"next_step_id":"a"},{"percent":70,"next_step_id":"b"}]},
                      {"step_id":"a","type":"drop_from_flow"},{"step_id":"b","type":"drop_from_flow"}]}
            """);
        var contact = InterpreterFixture.Contact();
        var toA = 0;
        for (var i = 0; i < 2000; i++)
        {
            var member = InterpreterFixture.NewMember(definition, contact);
            var first = _fixture.Run(definition, member, contact, InterpreterFixture.Start);
            var again = _fixture.Run(definition, member, contact, InterpreterFixture.Start);
            Assert.Equal(first.Member.CurrentStepId, again.Member.CurrentStepId);
            toA += first.Member.CurrentStepId == "a" ? 1 : 0;
        }

        Assert.InRange(toA, 500, 700);
    }

    [Fact]
    public void Send_sms_without_the_workspace_sender_fails_the_member_with_a_clear_failure()
    {
        var definition = InterpreterFixture.Definition("""
            {"steps":[{"step_id":"sms","type":"send_sms","body":"hi"}]}
            """);
        var contact = InterpreterFixture.Contact() with
        {
            Phone = "+14155550123", SmsSubscriptionStatus = SubscriptionStatus.Subscribed,
        };
        var result = _fixture.Run(definition, InterpreterFixture.NewMember(definition, contact), contact, InterpreterFixture.Start);
        Assert.Equal(MemberStatus.Failed, result.Member.Status);
        Assert.Equal("sms", result.Member.Failure!.StepId);
        Assert.Contains("sms_from", result.Member.Failure.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Send_sms_to_a_contact_without_a_phone_or_subscription_is_skipped()
    {
        var definition = InterpreterFixture.Definition("""
            {"steps":[{"step_id":"sms","type":"send_sms","body":"hi"}]}
            """);
        var contact = InterpreterFixture.Contact();
        var result = _fixture.Run(definition, InterpreterFixture.NewMember(definition, contact), contact, InterpreterFixture.Start);
        Assert.Equal(MemberStatus.Completed, result.Member.Status);
        Assert.Equal("no_phone", Assert.Single(result.Timeline, e => e.Type == TimelineTypes.SmsSkipped).Data["reason"]!
            .GetValue<string>());
        Assert.Empty(result.Messages);

        var unsubscribed = contact with { Phone = "+14155550123", SmsSubscriptionStatus = SubscriptionStatus.Unsubscribed };
        result = _fixture.Run(definition, InterpreterFixture.NewMember(definition, unsubscribed), unsubscribed,
            InterpreterFixture.Start);
        Assert.Equal("unsubscribed", Assert.Single(result.Timeline, e => e.Type == TimelineTypes.SmsSkipped).Data["reason"]!
            .GetValue<string>());
        Assert.Empty(result.Messages);
    }

    [Fact]
    public void Update_contact_coerces_types_and_respects_skip_if_filled()
    {
        var definition = InterpreterFixture.Definition("""
            {"steps":[{"step_id":"u","type":"update_contact","updates":[
                {"field":"score","value":"42.5"},
                {"field":"first_name","value":"Grace","write_mode":"skip_if_filled"},
                {"field":"last_name","value":"Hopper"},
                {"field":"renews_on","value":"2027-01-31"}]}]}
            """);
        var contact = InterpreterFixture.Contact();
        var result = _fixture.Run(definition, InterpreterFixture.NewMember(definition, contact), contact, InterpreterFixture.Start);
        Assert.Equal(MemberStatus.Completed, result.Member.Status);
        Assert.Equal(42.5, result.Contact.Fields["score"]!.GetValue<double>());
        Assert.Equal("Ada", result.Contact.FirstName);
        Assert.Equal("Hopper", result.Contact.LastName);
        Assert.False(result.ContactChanges.ContainsKey("first_name"));

        var bad = InterpreterFixture.Definition("""{"steps":[{"step_id":"u","type":"update_contact","field":"score","value":"lots"}]}""");
        var failed = _fixture.Run(bad, InterpreterFixture.NewMember(bad, contact), contact, InterpreterFixture.Start);
        Assert.Equal(MemberStatus.Failed, failed.Member.Status);
    }

    [Fact]
    public void Until_date_field_waits_for_the_date_in_the_flow_timezone()
    {
        var definition = InterpreterFixture.Definition("""
            {"settings":{"timezone":"Europe/Paris"},
             "steps":[{"step_id":"w","type":"wait","until_date_field":"renews_on","offset_days":-1,"next_step_id":"x"},
                      {"step_id":"x","type":"drop_from_flow"}]}
            """);
        var contact = InterpreterFixture.Contact() with { Fields = new JsonObject { ["renews_on"] = "2026-12-10" } };
        var result = _fixture.Run(definition, InterpreterFixture.NewMember(definition, contact), contact, InterpreterFixture.Start);
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 23, 0, 0, TimeSpan.Zero), result.Member.WakeAt);

        var noDate = InterpreterFixture.Contact();
        var passed = _fixture.Run(definition, InterpreterFixture.NewMember(definition, noDate), noDate, InterpreterFixture.Start);
        Assert.Equal(MemberStatus.Dropped, passed.Member.Status);
    }
}
