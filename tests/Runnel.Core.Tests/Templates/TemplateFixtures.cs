using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Runnel.Core.Contacts;
using Runnel.Core.Templates;

namespace Runnel.Core.Tests.Templates;

/// <summary>A renderer on a fake clock, and a contact with both kinds of fields.</summary>
internal static class TemplateFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);

    public static TemplateRenderer NewRenderer() => new(new FakeTimeProvider(Now));

    public static Contact Ada(string firstName = "Ada") => new(
        Guid.Parse("01930000-0000-7000-8000-000000000001"),
        Guid.Parse("01930000-0000-7000-8000-0000000000ff"),
        "ada@example.com", "+14155550123", "user_42", firstName, "Lovelace", "Europe/London",
        SubscriptionStatus.Subscribed, SubscriptionStatus.NonSubscribed,
        new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        new JsonObject { ["plan"] = "pro", ["trial_ends_at"] = "2026-12-01", ["seats"] = 5, ["email"] = "shadowed" },
        new DateTimeOffset(2025, 12, 24, 18, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
}
