using System.Text.Json.Nodes;
using Runnel.Core.Interpreter;
using Runnel.Core.Members;
using Runnel.Core.Webhooks;

namespace Runnel.Core.Tests.Runtime;

/// <summary>send_webhook in the pure interpreter: emit once and park; continue or fail on the stored outcome.</summary>
public sealed class WebhookStepInterpreterTests
{
    private readonly InterpreterFixture _fixture = new();

    private static readonly Runnel.Core.Flows.FlowDefinition Flow = InterpreterFixture.Definition("""
        {"steps":[
          {"step_id":"hook","type":"send_webhook","endpoint_url":"https://hooks.example.com/in","method":"put",
           "auth_type":"jwt","secret_ref":"crm_key","custom_fields":{"stage":"won"},"on_failure":"fail",
           "next_step_id":"done"},
          {"step_id":"done","type":"drop_from_flow"}]}
        """);

    [Fact]
    public void The_step_emits_one_frozen_delivery_and_parks_without_a_wake_time()
    {
        var contact = InterpreterFixture.Contact();
        var result = _fixture.Run(Flow, InterpreterFixture.NewMember(Flow, contact), contact, InterpreterFixture.Start);

        Assert.Equal(MemberStatus.Waiting, result.Member.Status);
        Assert.Equal(WaitKinds.Webhook, result.Member.WaitKind);
        Assert.Null(result.Member.WakeAt);
        var webhook = Assert.Single(result.Webhooks!);
        Assert.Equal("put", webhook.Method);
        Assert.Equal("crm_key", webhook.JwtSecretRef);
        Assert.Null(webhook.BearerToken);
        Assert.True(webhook.FailMemberOnFailure);
        Assert.Equal($"{result.Member.Id:D}:hook:{result.Member.Visit}", webhook.IdempotencyKey);
        var body = JsonNode.Parse(webhook.Body)!;
        Assert.Equal("flow.step", body["type"]!.GetValue<string>());
        Assert.Equal("won", body["stage"]!.GetValue<string>());
        Assert.Equal("ada@example.com", body["contact"]!["email"]!.GetValue<string>());
        Assert.Equal("SAVE20", body["dynamic_context"]!["coupon_code"]!.GetValue<string>());
    }

    [Fact]
    public void Woken_before_the_outcome_it_parks_again_without_sending_twice()
    {
        var contact = InterpreterFixture.Contact();
        var parked = _fixture.Run(Flow, InterpreterFixture.NewMember(Flow, contact), contact, InterpreterFixture.Start);
        var woken = parked.Member with { WakeAt = InterpreterFixture.Start };

        var result = _fixture.Run(Flow, woken, contact, InterpreterFixture.Start.AddMinutes(1));
        Assert.Equal(MemberStatus.Waiting, result.Member.Status);
        Assert.Empty(result.Webhooks!);
        Assert.DoesNotContain(result.Timeline, e => e.Type == TimelineTypes.Waiting);
    }

    [Fact]
    public void A_succeeded_delivery_continues_at_the_next_step()
    {
        var result = ResumeWith(true, 1, null, 0, TimeSpan.FromMinutes(1));
        Assert.Equal(MemberStatus.Dropped, result.Member.Status);
        Assert.Equal(ExitReasons.DroppedByStep, result.Member.ExitReason);
    }

    [Fact]
    public void A_failed_delivery_with_on_failure_fail_fails_the_member_with_the_attempts_made()
    {
        var result = ResumeWith(false, 12, "HTTP 500", 0, TimeSpan.FromDays(1));
        Assert.Equal(MemberStatus.Failed, result.Member.Status);
        Assert.Equal(new MemberFailure("hook", "The webhook failed: HTTP 500", 12), result.Member.Failure);
    }

    [Fact]
    public void An_outcome_of_an_earlier_visit_is_not_taken_for_this_one() =>
        Assert.Equal(MemberStatus.Waiting, ResumeWith(true, 1, null, -1, TimeSpan.FromMinutes(1)).Member.Status);

    /// <summary>Runs the step to its park, then hands the member the outcome of the given visit offset and wakes it.</summary>
    private RunResult ResumeWith(bool succeeded, int attempts, string? error, int visitOffset, TimeSpan after)
    {
        var contact = InterpreterFixture.Contact();
        var parked = _fixture.Run(Flow, InterpreterFixture.NewMember(Flow, contact), contact, InterpreterFixture.Start);
        var member = parked.Member with
        {
            WakeAt = InterpreterFixture.Start,
            Engagement = new WebhookOutcome(parked.Member.Visit + visitOffset, succeeded, attempts, error)
                .WriteTo(parked.Member.Engagement, "hook"),
        };
        return _fixture.Run(Flow, member, contact, InterpreterFixture.Start + after);
    }
}
