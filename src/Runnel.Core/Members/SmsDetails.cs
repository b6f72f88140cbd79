namespace Runnel.Core.Members;

/// <summary>
/// What an SMS outbox row carries besides its text: the sender number, optional media, and how the text is encoded
/// (<c>gsm7</c> or <c>ucs2</c>), in how many segments, and which characters forced UCS-2 (API.md §12).
/// </summary>
public sealed record SmsDetails(
    string From,
    string? MediaUrl,
    string Encoding,
    int Segments,
    IReadOnlyList<string> Ucs2Characters);
