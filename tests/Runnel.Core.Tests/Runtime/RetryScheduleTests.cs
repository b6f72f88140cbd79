using Runnel.Core.Contacts;
using Runnel.Core.Emails;
using Runnel.Core.Interpreter;
using Runnel.Core.Members;

namespace Runnel.Core.Tests.Runtime;
public sealed class RetryScheduleTests
{
    [Fact]
    public void A_retryable_failure_backs_off_exponentially_then_fails_the_member()
    {
        var definition = InterpreterFixture.Definition("""{"steps":[{"step_id":"a","type":"drop_from_flow"}]}""");
        var contact = InterpreterFixture.Contact();
        var member = InterpreterFixture.NewMember(definition, contact) with { CurrentStepId = "a", Visit = 1 };
        var now = InterpreterFixture.Start;
        var delays = new List<TimeSpan>();
        for (var attempt = 1; attempt <= Backoff.MaxAttempts; attempt++)
        {
            var run = new RunState(new RunInput(member, contact, definition, "f", now, null!, _ => null,
                new Dictionary<string, string>(), null, Guid.CreateVersion7));
            var result = run.Fail("a", "provider outage", retryable: true);
            member = result.Member;
            if (attempt < Backoff.MaxAttempts)
            {
                Assert.Equal(MemberStatus.Active, member.Status);
                Assert.Equal(attempt, member.Attempts);
                Assert.Equal(1, member.Visit);
                delays.Add(member.WakeAt!.Value - now);
                now = member.WakeAt.Value;
            }
        }

        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(32)], delays);
        Assert.Equal(MemberStatus.Failed, member.Status);
        Assert.Equal(new MemberFailure("a", "provider outage", Backoff.MaxAttempts), member.Failure);
    }
}
