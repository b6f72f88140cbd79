using NodaTime;

namespace Runnel.Core.Time;

/// <summary>IANA time zone names, checked against the TZDB that ships with NodaTime.</summary>
public static class TimeZones
{
    public const string Utc = "UTC";

    public static bool IsValid(string? name) =>
        !string.IsNullOrWhiteSpace(name) && DateTimeZoneProviders.Tzdb.GetZoneOrNull(name) is not null;

    public static DateTimeZone Get(string name) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(name) ?? DateTimeZone.Utc;
}
