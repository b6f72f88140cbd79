using NodaTime;
using Runnel.Core.Flows;
using Runnel.Core.Interpreter;
using Runnel.Core.Time;

namespace Runnel.Core.Tests.Runtime;

/// <summary>
/// Quiet hours (API.md §12) on local wall-clock time: a send at 22:30 local waits for 08:00 local the next morning in
/// every zone, across both 2027 DST changes of New York and London, and the release itself is never quiet.
/// </summary>
public sealed class QuietWindowTests
{
    private static readonly QuietHours Night = new("21:00", "08:00");

    public static TheoryData<string, string> ZonesAndDates()
    {
        var data = new TheoryData<string, string>();
        string[] zones =
        [
            "America/New_York", "Europe/London", "America/Los_Angeles", "America/Chicago", "America/Denver",
            "America/Phoenix", "America/Sao_Paulo", "America/St_Johns", "Europe/Berlin", "Europe/Moscow",
            "Africa/Lagos", "Africa/Johannesburg", "Asia/Kolkata", "Asia/Kathmandu", "Asia/Shanghai", "Asia/Tokyo",
            "Australia/Sydney", "Australia/Adelaide", "Pacific/Auckland", "Pacific/Chatham", "Pacific/Honolulu",
            "Asia/Tehran", "UTC",
        ];
        foreach (var zone in zones)
        {
            data.Add(zone, "2027-01-15");
            data.Add(zone, "2027-07-15");
        }

        // The evenings before both 2027 DST changes: New York springs forward on 14 March and falls back on
        // 7 November, London on 28 March and 31 October.
        data.Add("America/New_York", "2027-03-13");
        data.Add("America/New_York", "2027-11-06");
        data.Add("Europe/London", "2027-03-27");
        data.Add("Europe/London", "2027-10-30");
        data.Add("Australia/Sydney", "2027-04-03");
        data.Add("Australia/Sydney", "2027-10-02");
        return data;
    }

    [Theory]
    [MemberData(nameof(ZonesAndDates))]
    public void A_send_at_22_30_local_waits_for_08_00_local_the_next_morning(string zone, string date)
    {
        var tz = TimeZones.Get(zone);
        var local = LocalDate.FromDateTime(DateTime.Parse(date, System.Globalization.CultureInfo.InvariantCulture));
        var at = tz.AtStrictly(local.At(new LocalTime(22, 30))).ToDateTimeOffset();

        var release = QuietWindow.DeferUntil(at, Night, zone);

        Assert.NotNull(release);
        var released = Instant.FromDateTimeOffset(release.Value).InZone(tz).LocalDateTime;
        Assert.Equal(local.PlusDays(1).At(new LocalTime(8, 0)), released);
        Assert.Null(QuietWindow.DeferUntil(release.Value, Night, zone));
        Assert.NotNull(QuietWindow.DeferUntil(release.Value.AddMinutes(-1), Night, zone));
    }

    [Fact]
    public void The_nights_of_the_2027_changes_last_their_real_length()
    {
        // 22:30 EST → 08:00 EDT is 8 h 30 min of real time; 22:30 EDT → 08:00 EST is 10 h 30 min.
        var spring = DateTimeOffset.Parse("2027-03-14T03:30:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(spring.AddHours(8.5), QuietWindow.DeferUntil(spring, Night, "America/New_York"));
        var fall = DateTimeOffset.Parse("2027-11-07T02:30:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(fall.AddHours(10.5), QuietWindow.DeferUntil(fall, Night, "America/New_York"));
        var london = DateTimeOffset.Parse("2027-10-30T21:30:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(london.AddHours(10.5), QuietWindow.DeferUntil(london, Night, "Europe/London"));
    }

    [Fact]
    public void An_end_time_skipped_by_spring_forward_releases_just_after_the_gap()
    {
        var quiet = new QuietHours("21:00", "02:30");
        var evening = DateTimeOffset.Parse("2027-03-14T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        // 02:30 does not exist in New York on 14 March 2027: the clock jumps from 02:00 EST to 03:00 EDT (07:00Z).
        Assert.Equal(DateTimeOffset.Parse("2027-03-14T07:30:00Z", System.Globalization.CultureInfo.InvariantCulture),
            QuietWindow.DeferUntil(evening, quiet, "America/New_York"));
    }

    [Theory]
    [InlineData("07:59", true)]
    [InlineData("08:00", false)]
    [InlineData("12:00", false)]
    [InlineData("20:59", false)]
    [InlineData("21:00", true)]
    [InlineData("00:00", true)]
    public void Overnight_windows_include_start_and_exclude_end(string time, bool quiet)
    {
        var at = DateTimeOffset.Parse($"2027-01-15T{time}:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(quiet, QuietWindow.DeferUntil(at, Night, "UTC") is not null);
    }

    [Fact]
    public void A_daytime_window_ends_the_same_day_and_no_window_never_defers()
    {
        var lunch = new QuietHours("12:00", "14:00");
        var at = DateTimeOffset.Parse("2027-01-15T13:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(at.AddHours(1), QuietWindow.DeferUntil(at, lunch, "UTC"));
        Assert.Null(QuietWindow.DeferUntil(at.AddHours(2), lunch, "UTC"));
        Assert.Null(QuietWindow.DeferUntil(at, null, "UTC"));
    }
}
