namespace Runnel.Core;

/// <summary>Server-generated IDs: UUID version 7, so they sort by creation time and index well.</summary>
public static class Ids
{
    public static Guid New(TimeProvider time) => Guid.CreateVersion7(time.GetUtcNow());

    /// <summary>Path IDs that are not UUIDs cannot name anything; callers answer 404 for them.</summary>
    public static bool TryParse(string? text, out Guid id) => Guid.TryParseExact(text, "D", out id);

    public static string Format(Guid id) => id.ToString("D");
}
