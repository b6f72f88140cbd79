using System.Net;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Sms;

/// <summary>
/// 1,000 conversations waiting at once, every customer replying at the same moment through Twilio's signed webhook:
/// each reply reaches its own member exactly once, every member finishes, and each gets exactly one answer.
/// </summary>
public sealed class SmsConcurrencyTests(TwilioRunnelFactory factory) : IClassFixture<TwilioRunnelFactory>
{
    private const int Conversations = 1000;

    [Fact]
    public async Task A_thousand_simultaneous_replies_are_each_routed_to_their_own_member_exactly_once()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var sender = await ws.SetSenderAsync();
        var flowId = await ws.ActiveFlowAsync(SmsScenario.CartMenu(timeoutMinutes: 20));
        var phones = Enumerable.Range(0, Conversations).Select(_ => SmsScenario.NewPhone()).ToArray();
        var started = await ws.Http.PostJsonAsync($"/v1/flows/{flowId}/trigger/batch", new
        {
            recipients = phones.Select((p, i) => new { phone = p, context = new { cart_id = $"c{i}" } }).ToArray(),
        }).ExpectAsync(HttpStatusCode.OK);
        var members = started["results"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToArray();
        await ws.AdvanceAsync(TimeSpan.Zero);
        Assert.Equal(Conversations, phones.Count(p => factory.Twilio.To(p).Count == 1));

        using var client = factory.CreateClient();
        var answers = await Task.WhenAll(phones.Select(async (phone, i) =>
        {
            using var response = await client.SendAsync(FakeTwilio.Inbound(TwilioRunnelFactory.PublicUrl, phone, sender,
                i % 2 == 0 ? "1" : "two", $"SMconc{i:D6}"));
            return response.StatusCode;
        }));
        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        await ws.AdvanceAsync(TimeSpan.Zero);

        Assert.Equal(Conversations, await factory.QuerySqlAsync<long>(
            "SELECT COUNT(DISTINCT member_id) FROM sms_inbound WHERE routed_to = 'reply' AND provider_message_id LIKE 'SMconc%'"));
        // Exactly one reply_received per member: none lost, none doubled (this class's server runs only this flow).
        Assert.Equal(Conversations, await factory.QuerySqlAsync<long>(
            "SELECT COUNT(*) FROM member_timeline WHERE type = 'reply_received'"));
        Assert.Equal(Conversations, await factory.QuerySqlAsync<long>(
            "SELECT COUNT(DISTINCT member_id) FROM member_timeline WHERE type = 'reply_received'"));
        var completed = await ws.Http.GetAsync($"/v1/flows/{flowId}/members?status=completed&limit=1")
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Conversations, completed["pagination"]!["total"]!.GetValue<int>());
        for (var i = 0; i < Conversations; i += 97)
        {
            var member = await ws.MemberAsync(flowId, members[i]);
            var reply = Assert.Single(member.Entries("reply_received"));
            Assert.Equal(i % 2 == 0 ? "1" : "two", reply["data"]!["text"]!.GetValue<string>());
        }

        Assert.All(phones, p => Assert.Equal(2, factory.Twilio.To(p).Count));
        Assert.Equal(Conversations, phones.Count(p => factory.Twilio.To(p)[1].Form["Body"].Contains(
            "Finish here", StringComparison.Ordinal) == (Array.IndexOf(phones, p) % 2 == 0)));
    }
}
