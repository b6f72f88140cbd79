using System.Globalization;
using NodaTime;
using Runnel.Server.Tests.Infrastructure;
using Runnel.Server.Tests.Runtime;

namespace Runnel.Server.Tests.Sms;

/// <summary>
/// Quiet hours 21:00–08:00 end to end in 24 time zones, on a server of its own (the dev clock moves months): a send
/// due at 22:30 local is deferred to 08:00 the next local morning, nothing goes out before, and it goes out then —
/// including the nights of both 2027 DST changes in New York and London, where that night is 23 or 25 hours long.
/// </summary>
public sealed class SmsQuietHoursZonesTests(RunnelFactory factory) : IClassFixture<RunnelFactory>
{
    private static readonly string[] Zones =
    [
        "Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles", "America/Denver", "America/Chicago",
        "America/Sao_Paulo", "America/St_Johns", "Atlantic/Azores", "Europe/Lisbon", "Europe/Paris",
        "Africa/Cairo", "Europe/Moscow", "Asia/Tehran", "Asia/Dubai", "Asia/Kabul", "Asia/Kolkata",
        "Asia/Kathmandu", "Asia/Shanghai", "Australia/Eucla", "Asia/Tokyo", "Australia/Adelaide",
        "Australia/Sydney", "Pacific/Auckland", "Pacific/Chatham",
    ];

    [Fact]
    public async Task A_send_at_22_30_local_is_deferred_to_08_00_local_in_24_zones_and_across_the_2027_dst_changes()
    {
        using var ws = await factory.NewWorkspaceAsync();
        await ws.SetSenderAsync(quietHours: new { start = "21:00", end = "08:00" });
        var flowId = await ws.ActiveFlowAsync(SmsScenario.CartMenu(timeoutMinutes: 20));

        // One night per zone, far enough apart that each night is over before the next begins, in clock order; then
        // the evenings before the 2027 changes: New York springs forward on 14 March and falls back on 7 November,
        // London on 28 March and 31 October.
        var nights = Zones.Select((zone, i) => (zone, new LocalDate(2026, 12, 1).PlusDays(2 * i)))
            .Concat([
                ("America/New_York", new LocalDate(2027, 3, 13)),
                ("Europe/London", new LocalDate(2027, 3, 27)),
                ("Europe/London", new LocalDate(2027, 10, 30)),
                ("America/New_York", new LocalDate(2027, 11, 6)),
            ]).ToArray();

        foreach (var (zoneId, evening) in nights)
        {
            var zone = DateTimeZoneProviders.Tzdb[zoneId];
            var sendAt = zone.AtStrictly(evening.At(new LocalTime(22, 30))).ToDateTimeOffset();
            var morning = zone.AtStrictly(evening.PlusDays(1).At(new LocalTime(8, 0))).ToDateTimeOffset();
            await ws.AdvanceAsync(sendAt - factory.Clock.GetUtcNow());
            var phone = SmsScenario.NewPhone();
            var memberId = await ws.StartAsync(flowId, phone, timezone: zoneId);

            var member = await ws.MemberAsync(flowId, memberId);
            var deferred = Assert.Single(member.Entries("sms_deferred"));
            Assert.Equal(morning, DateTimeOffset.Parse(deferred["data"]!["until"]!.GetValue<string>(),
                CultureInfo.InvariantCulture));
            Assert.Empty(await ws.TextsToAsync(phone));

            await ws.AdvanceAsync(morning - factory.Clock.GetUtcNow() - TimeSpan.FromSeconds(1));
            Assert.True((await ws.TextsToAsync(phone)).Length == 0, $"{zoneId}: a text went out inside the quiet window");

            await ws.AdvanceAsync(TimeSpan.FromSeconds(1));
            Assert.Single(await ws.TextsToAsync(phone));
            var sent = Assert.Single((await ws.MemberAsync(flowId, memberId)).Entries("sms_sent"));
            Assert.Equal(morning, DateTimeOffset.Parse(sent["at"]!.GetValue<string>(), CultureInfo.InvariantCulture));
            var local = Instant.FromDateTimeOffset(morning).InZone(zone).LocalDateTime;
            Assert.Equal(evening.PlusDays(1).At(new LocalTime(8, 0)), local);
        }
    }
}
