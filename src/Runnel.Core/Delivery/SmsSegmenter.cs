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
        var forcing = Ucs2Characters(text);
        if (forcing.Count == 0)
        {
            var septets = 0;
            foreach (var c in text)
            {
                septets += Septets(c);
            }

            var single = septets <= Gsm7Single;
            return new SmsSegmentInfo(
                SmsEncoding.Gsm7, single ? 1 : Gsm7Boundaries(text).Count, septets,
                single ? Gsm7Single : Gsm7Part, []);
        }

        var ucs2Single = text.Length <= Ucs2Single;
        return new SmsSegmentInfo(
            SmsEncoding.Ucs2, ucs2Single ? 1 : Ucs2Boundaries(text).Count, text.Length,
            ucs2Single ? Ucs2Single : Ucs2Part, forcing);
    }

    /// <summary>
    /// The texts of the segments <paramref name="text"/> goes out as, in order; joined they give back the input. A body
    /// that fits one message (and an empty one) is returned whole as the only part.
    /// </summary>
    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<int> ends;
        if (IsGsm7(text))
        {
            var septets = 0;
            foreach (var c in text)
            {
                septets += Septets(c);
            }

            if (septets <= Gsm7Single)
            {
                return [text];
            }

            ends = Gsm7Boundaries(text);
        }
        else
        {
            if (text.Length <= Ucs2Single)
            {
                return [text];
            }

            ends = Ucs2Boundaries(text);
        }

        var parts = new List<string>(ends.Count);
        var start = 0;
        foreach (var end in ends)
        {
            parts.Add(text[start..end]);
            start = end;
        }

        return parts;
    }

    private static int Septets(char c) => Extension.Contains(c) ? 2 : 1;

    private static bool IsGsm(char c) => Basic.Contains(c) || Extension.Contains(c);

    private static bool IsGsm7(string text)
    {
        foreach (var c in text)
        {
            if (!IsGsm(c))
            {
                return false;
            }
        }

        return true;
    }

    // The exclusive end index of each 153-septet part; a character never straddles two parts, so an extension
    // character that would take septets 153 and 154 opens the next part.
    private static List<int> Gsm7Boundaries(string text)
    {
        var ends = new List<int>();
        var used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var size = Septets(text[i]);
            if (used + size > Gsm7Part)
            {
                ends.Add(i);
                used = 0;
            }

            used += size;
        }

        ends.Add(text.Length);
        return ends;
    }

    // The exclusive end index of each 67-unit part; a high surrogate followed by its low surrogate moves as one.
    private static List<int> Ucs2Boundaries(string text)
    {
        var ends = new List<int>();
        var used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var size = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            if (used + size > Ucs2Part)
            {
                ends.Add(i);
                used = 0;
            }

            used += size;
            i += size - 1;
        }

        ends.Add(text.Length);
        return ends;
    }

    // Whole text elements (grapheme clusters) holding a character outside both GSM tables, distinct, in order.
    private static List<string> Ucs2Characters(string text)
    {
        var found = new List<string>();
        if (IsGsm7(text))
        {
            return found;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (!IsGsm7(element) && seen.Add(element))
            {
                found.Add(element);
            }
        }

        return found;
    }
}
