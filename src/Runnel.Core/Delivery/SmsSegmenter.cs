using System.Globalization;

namespace Runnel.Core.Delivery;

/// <summary>
/// Encoding choice, segment counting and splitting of SMS bodies as carriers do it (3GPP TS 23.038 for the GSM 7-bit
/// default alphabet and its extension table, TS 23.040 for concatenation). A body that fits one message takes up to
/// 160 septets (GSM-7) or 70 UTF-16 code units (UCS-2); a longer one is sent in parts of at most 153 septets or 67
/// code units, because the concatenation header takes 6 of each part's 140 octets. An escape + extension pair is never
/// split across parts, nor is a surrogate pair (the part then holds 152 septets or 66 code units). An empty body is
/// one segment of 0 units, which is what a carrier bills for it.
/// </summary>
public static class SmsSegmenter
{
    private const int Gsm7Single = 160;
    private const int Gsm7Part = 153;
    private const int Ucs2Single = 70;
    private const int Ucs2Part = 67;

    // TS 23.038 §6.2.1, the default alphabet in code order (0x00–0x7F); 0x1B is the escape to the extension table and
    // stands for no character of its own. 0x09 is the capital Ç: the spec's table shows it, though some phones print ç.
    private const string BasicTable =
        "@£$¥èéùìòÇ\nØø\rÅå" +
        "Δ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ" +
        " !\"#¤%&'()*+,-./" +
        "0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNO" +
        "PQRSTUVWXYZÄÖÑÜ§" +
        "¿abcdefghijklmno" +
        "pqrstuvwxyzäöñüà";

    // TS 23.038 §6.2.1.1, the characters of the default extension table (each sent as escape + code, 2 septets).
    private const string ExtensionTable = "\f^{}\\[~]|€";

    private static readonly HashSet<char> Basic = [.. BasicTable.Where(c => c != '\u001B')];
    private static readonly HashSet<char> Extension = [.. ExtensionTable];

    /// <summary>
    /// The encoding, segment count and size of <paramref name="text"/>, and the characters that forced UCS-2.
    /// <see cref="SmsSegmentInfo.Segments"/> always equals the number of parts <see cref="Split"/> returns; an empty
    /// body is one segment of 0 units.
    /// </summary>
    public static SmsSegmentInfo Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (gsm, units) = Measure(text);
        var single = units <= (gsm ? Gsm7Single : Ucs2Single);
        var segments = single ? 1 : Boundaries(text, gsm).Count;
        return gsm
            ? new SmsSegmentInfo(SmsEncoding.Gsm7, segments, units, single ? Gsm7Single : Gsm7Part, [])
            : new SmsSegmentInfo(
                SmsEncoding.Ucs2, segments, units, single ? Ucs2Single : Ucs2Part, Ucs2Characters(text));
    }

    /// <summary>
    /// The texts of the segments <paramref name="text"/> goes out as, in order; joined they give back the input. A body
    /// that fits one message (and an empty one) is returned whole as the only part.
    /// </summary>
    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (gsm, units) = Measure(text);
        if (units <= (gsm ? Gsm7Single : Ucs2Single))
        {
            return [text];
        }

        var ends = Boundaries(text, gsm);
        var parts = new List<string>(ends.Count);
        var start = 0;
        foreach (var end in ends)
        {
            parts.Add(text[start..end]);
            start = end;
        }

        return parts;
    }

    private static bool IsGsm(char c) => Basic.Contains(c) || Extension.Contains(c);

    // Whether the body is GSM-7, and its size in septets (GSM-7) or UTF-16 code units (UCS-2).
    private static (bool Gsm, int Units) Measure(string text)
    {
        var septets = 0;
        foreach (var c in text)
        {
            if (!IsGsm(c))
            {
                return (false, text.Length);
            }

            septets += Extension.Contains(c) ? 2 : 1;
        }

        return (true, septets);
    }

    // The exclusive end index of each part of a concatenated body (153 septets or 67 code units). A character never
    // straddles two parts: an extension character (2 septets) or a surrogate pair (2 code units) that would take the
    // last unit of a part and the first of the next opens the next part instead.
    private static List<int> Boundaries(string text, bool gsm)
    {
        var limit = gsm ? Gsm7Part : Ucs2Part;
        var ends = new List<int>();
        var used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var size = gsm
                ? (Extension.Contains(text[i]) ? 2 : 1)
                : (i + 1 < text.Length && char.IsSurrogatePair(text[i], text[i + 1]) ? 2 : 1);
            if (used + size > limit)
            {
                ends.Add(i);
                used = 0;
            }

            used += size;
            if (!gsm && size == 2)
            {
                i++; // the low surrogate goes with its high surrogate
            }
        }

        ends.Add(text.Length);
        return ends;
    }

    // Whole text elements (grapheme clusters) holding a character outside both GSM tables, distinct, in order.
    private static List<string> Ucs2Characters(string text)
    {
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (!element.All(IsGsm) && seen.Add(element))
            {
                found.Add(element);
            }
        }

        return found;
    }
}
