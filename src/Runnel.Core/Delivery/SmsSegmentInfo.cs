namespace Runnel.Core.Delivery;

/// <summary>
/// How an SMS body is encoded and how many segments (billed messages) it takes.
/// </summary>
/// <param name="Encoding">
/// GSM-7 when every character is in the GSM default alphabet or its extension table, else UCS-2.
/// </param>
/// <param name="Segments">Parts the carrier sends; at least 1 (an empty body is one segment of 0 units).</param>
/// <param name="Units">
/// GSM-7: septets, an extension-table character (<c>^ { } \ [ ~ ] | €</c>, form feed) counting 2 (escape + code).
/// UCS-2: UTF-16 code units, a character outside the BMP (most emoji) counting 2.
/// </param>
/// <param name="UnitsPerSegment">
/// The limit that applies to this body: 160 (GSM-7) or 70 (UCS-2) for a single segment; 153 or 67 once it is
/// concatenated, the user data header taking 6 octets of each part.
/// </param>
/// <param name="Ucs2Characters">
/// The characters that forced UCS-2, distinct and in order of first appearance, each as a whole user-perceived
/// character (a surrogate pair, a combining sequence or a zero-width-joiner emoji stays one string); empty for GSM-7.
/// </param>
public sealed record SmsSegmentInfo(
    SmsEncoding Encoding, int Segments, int Units, int UnitsPerSegment, IReadOnlyList<string> Ucs2Characters)
{
    /// <summary>The wire name of <see cref="Encoding"/>: <c>gsm7</c> or <c>ucs2</c>.</summary>
    public string EncodingName => SmsEncodingNames.Of(Encoding);
}
