using System.Globalization;
using NodaTime;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Sms;

/// <summary>
/// Quiet hours end to end: a send inside the window is deferred (<c>sms_deferred</c>), never dropped, and goes out at
/// the window's end in the contact's time zone; a flow's own quiet hours override the workspace's. (The local-time
/// arithmetic across zones and DST changes is pinned in Core's QuietWindowTests.)
/// </summary>
public sealed class SmsQuietHoursTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    private const string Zone = "Asia/Kolkata";

    [Fact]
    public async Task A_send_in_the_contacts_quiet_window_is_deferred_to_its_end_and_nothing_is_sent_before()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var (window, end) = WindowAroundNow();
        await ws.SetSenderAsync(quietHours: window);
        var flowId = await ws.ActiveFlowAsync(SmsScenario.CartMenu(timeoutMinutes: 20));
        var quietPhone = SmsScenario.NewPhone();
        var awakePhone = SmsScenario.NewPhone();

        var quiet = await ws.StartAsync(flowId, quietPhone, timezone: Zone);
        var awake = await ws.StartAsync(flowId, awakePhone, timezone: "America/New_York");

        Assert.Single(await ws.TextsToAsync(awakePhone));
        Assert.Empty(await ws.TextsToAsync(quietPhone));
        var member = await ws.MemberAsync(flowId, quiet);
        Assert.Equal("waiting", member.Status());
        var deferred = Assert.Single(member.Entries("sms_deferred"));
        Assert.Equal(end, DateTimeOffset.Parse(deferred["data"]!["until"]!.GetValue<string>(), CultureInfo.InvariantCulture));

        // Well past the 30-minute session TTL, yet nothing is sent inside the window and the member is not dropped.
        var now = factory.Clock.GetUtcNow();
        await ws.AdvanceAsync(end - now - TimeSpan.FromSeconds(1));
        Assert.Empty(await ws.TextsToAsync(quietPhone));
        Assert.Equal("waiting", (await ws.MemberAsync(flowId, quiet)).Status());

        await ws.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Single(await ws.TextsToAsync(quietPhone));
        member = await ws.MemberAsync(flowId, quiet);
        Assert.Equal("wait", member["current_step_id"]!.GetValue<string>());
        var sent = Assert.Single(member.Entries("sms_sent"));
        Assert.Equal(end, DateTimeOffset.Parse(sent["at"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        Assert.Empty((await ws.MemberAsync(flowId, awake)).Entries("sms_deferred"));

        // The reply wait counts from the real send: the timeout is 20 minutes after the window's end.
        await ws.AdvanceAsync(TimeSpan.FromMinutes(19));
        Assert.Equal("waiting", (await ws.MemberAsync(flowId, quiet)).Status());
        await ws.AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.Single((await ws.MemberAsync(flowId, quiet)).Entries("reply_timeout"));
    }

    [Fact]
    public async Task A_flows_quiet_hours_override_the_workspaces()
    {
        using var ws = await factory.NewWorkspaceAsync();
        var (window, _) = WindowAroundNow();
        await ws.SetSenderAsync(quietHours: window);
        var local = LocalNow();
        // A window that started an hour ago and ended half an hour ago: the flow's own setting, not quiet now.
        var over = new
        {
            start = local.PlusHours(-1).ToString("HH':'mm", CultureInfo.InvariantCulture),
            end = local.PlusMinutes(-30).ToString("HH':'mm", CultureInfo.InvariantCulture),
        };
        var definition = System.Text.Json.Nodes.JsonNode.Parse(SmsScenario.CartMenu())!.AsObject();
        definition["settings"] = new System.Text.Json.Nodes.JsonObject
        {
            ["quiet_hours"] = new System.Text.Json.Nodes.JsonObject { ["start"] = over.start, ["end"] = over.end },
        };
        var flowId = await ws.ActiveFlowAsync(definition.ToJsonString());
        var phone = SmsScenario.NewPhone();

        await ws.StartAsync(flowId, phone, timezone: Zone);
        Assert.Single(await ws.TextsToAsync(phone));
    }

    private LocalTime LocalNow() =>
        Instant.FromDateTimeOffset(factory.Clock.GetUtcNow()).InZone(DateTimeZoneProviders.Tzdb[Zone]).TimeOfDay;

    /// <summary>A quiet window from the start of this local hour to two hours later, and when it ends.</summary>
    private (object Window, DateTimeOffset End) WindowAroundNow()
    {
        var zone = DateTimeZoneProviders.Tzdb[Zone];
        var local = Instant.FromDateTimeOffset(factory.Clock.GetUtcNow()).InZone(zone).LocalDateTime;
        var start = new LocalTime(local.Hour, 0);
        var end = start.PlusHours(2);
        var endAt = zone.AtLeniently(local.Date.At(start).PlusHours(2)).ToDateTimeOffset();
        return (new
        {
            start = start.ToString("HH':'mm", CultureInfo.InvariantCulture),
            end = end.ToString("HH':'mm", CultureInfo.InvariantCulture),
        }, endAt);
    }
}
