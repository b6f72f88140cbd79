using Runnel.Core.Delivery;

namespace Runnel.Core.Tests.Delivery;

/// <summary>One corpus entry: a body and what a carrier makes of it, worked out by hand from the 3GPP specs.</summary>
internal sealed record SmsCase(
    string Text, SmsEncoding Encoding, int Segments, int Units, int UnitsPerSegment, string[] Ucs2, int[]? PartLengths);

/// <summary>
/// The SMS corpus: every character of the GSM default alphabet and its extension table, the 160/153 and 70/67
/// boundaries, characters straddling a part boundary, and the characters other calculators get wrong.
/// </summary>
internal static class SmsCorpus
{
    // TS 23.038 §6.2.1 in code order, without 0x1B (the escape, not a character).
    public const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅå" + "Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ" + " !\"#¤%&'()*+,-./" + "0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNO" + "PQRSTUVWXYZÄÖÑÜ§" + "¿abcdefghijklmno" + "pqrstuvwxyzäöñüà";

    // TS 23.038 §6.2.1.1: form feed, ^ { } \ [ ~ ] | €.
    public const string Extension = "\f^{}\\[~]|€";

    // Look like they belong and are not in either GSM table: each forces UCS-2 on its own.
    public const string NotGsm =
        "çáíóúâêîôûãõÀÈÌÒÙÁÍÓÚÂÊÎÔÛÃÕœŒ`‘’“”«»…–—\u00A0\t\u001Bαβγδεωπσ" +
        "\u0391\u0392\u0395\u2126\u2206µ°±×÷¢¬¦¨´¸ªº¹²³½¼¾¶•™©®ÿŸ₹₽₩ıİşŞğĞ";

    public static readonly IReadOnlyDictionary<string, SmsCase> Cases = Build();

    private static string R(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

    private static Dictionary<string, SmsCase> Build()
    {
        var cases = new Dictionary<string, SmsCase>(StringComparer.Ordinal);

        void Gsm(string name, string text, int segments, int septets, int[]? parts = null) =>
            cases.Add(
                "gsm7: " + name,
                new SmsCase(text, SmsEncoding.Gsm7, segments, septets, segments == 1 ? 160 : 153, [], parts));

        void Ucs(string name, string text, int segments, int units, string[] forcing, int[]? parts = null) =>
            cases.Add(
                "ucs2: " + name,
                new SmsCase(text, SmsEncoding.Ucs2, segments, units, segments == 1 ? 70 : 67, forcing, parts));

        foreach (var c in Basic)
        {
            Gsm($"basic U+{(int)c:X4} alone", c.ToString(), 1, 1);
            Gsm($"basic U+{(int)c:X4} x160", R(c.ToString(), 160), 1, 160);
        }

        foreach (var c in Extension)
        {
            Gsm($"extension U+{(int)c:X4} alone", c.ToString(), 1, 2);
            Gsm($"extension U+{(int)c:X4} x80 is 160 septets", R(c.ToString(), 80), 1, 160);
            Gsm($"extension U+{(int)c:X4} x81 is 2 parts of 76 and 5", R(c.ToString(), 81), 2, 162, [76, 5]);
        }

        foreach (var c in NotGsm)
        {
            Ucs($"not GSM U+{(int)c:X4} alone", c.ToString(), 1, 1, [c.ToString()]);
        }

        Gsm("empty body is one segment of 0 units", "", 1, 0, [0]);
        Gsm("whole basic table in one part", Basic, 1, 127);
        Gsm("whole extension table", Extension, 1, 20);
        Gsm("basic and extension tables", Basic + Extension, 1, 147);

        Gsm("160 septets", R("a", 160), 1, 160, [160]);
        Gsm("161 septets", R("a", 161), 2, 161, [153, 8]);
        Gsm("153*2 septets", R("a", 306), 2, 306, [153, 153]);
        Gsm("153*2+1 septets", R("a", 307), 3, 307, [153, 153, 1]);
        Gsm("153*3 septets", R("a", 459), 3, 459, [153, 153, 153]);
        Gsm("153*3+1 septets", R("a", 460), 4, 460, [153, 153, 153, 1]);
        Gsm("1000 septets", R("x", 1000), 7, 1000, [153, 153, 153, 153, 153, 153, 82]);

        Gsm("euro as last of 160 septets", R("a", 158) + "€", 1, 160);
        Gsm("euro taking septets 160-161", R("a", 159) + "€", 2, 161, [153, 7]);
        Gsm("euro ending exactly at 153 then more", R("a", 151) + "€" + R("a", 8), 2, 161, [152, 8]);
        Gsm("euro alone past 153 still fits one message", R("a", 152) + "€", 1, 154);
        Gsm("euro straddling 153 moves to part 2", R("a", 152) + "€" + R("a", 7), 2, 161, [152, 8]);
        Gsm("bracket straddling 153 moves to part 2", R("a", 152) + "[" + R("b", 10), 2, 164, [152, 11]);
        Gsm("straddle costs a third part", R("a", 152) + "€" + R("a", 152), 3, 306, [152, 152, 1]);
        Gsm("straddle at the second boundary", R("a", 153) + R("a", 152) + "|" + "z", 3, 308, [153, 152, 2]);
        Gsm("153 euros need 3 parts, not 2", R("€", 153), 3, 306, [76, 76, 1]);
        Gsm("76 euros and 1 letter fill part exactly", R("€", 76) + "a" + R("b", 10), 2, 163, [77, 10]);
        Gsm("140 letters and 10 extension chars is 160", R("a", 140) + R("~", 10), 1, 160);
        Gsm("141 letters and 10 extension chars is 161", R("a", 141) + R("~", 10), 2, 161, [147, 4]);
        Gsm("form feed counts 2", "a\fb", 1, 4);
        Gsm("CR LF counts 2", "Hello\r\nWorld", 1, 12);
        Gsm("CR LF x80 is 160", R("\r\n", 80), 1, 160);
        Gsm("CR LF pairs may split (basic chars)", R("\r\n", 81), 2, 162, [153, 9]);
        Gsm("currency sign is basic", "¤5", 1, 2);
        Gsm("capital C cedilla is basic", "Ça va", 1, 5);
        Gsm("Greek capitals of the basic table", "ΔΦΓΛΩΠΨΣΘΞ", 1, 10);
        Gsm("German and Spanish letters", "Grüße aus München, ¿qué tal? ¡Olé! Añorar", 1, 41);
        Gsm("Scandinavian letters", "Æble, Øst, Århus; æble øst århus", 1, 32);
        Gsm("Italian grave accents", "Perché è così? Già, più ò", 1, 25);
        Gsm("typical cart nudge",
            "Hi Ana, reply 1 to finish your order (€12.50), 2 to talk to us. STOP to opt out", 1, 80);
        Gsm("JSON-ish text with braces", "{\"a\":[1,2]}", 1, 15);
        Gsm("backslash path", "C:\\temp\\x", 1, 11);
        Gsm("only spaces", R(" ", 10), 1, 10);
        Gsm("at sign and underscore", "a_b@c.d", 1, 7);

        Ucs("70 code units", R("я", 70), 1, 70, ["я"], [70]);
        Ucs("71 code units", R("я", 71), 2, 71, ["я"], [67, 4]);
        Ucs("67*2 code units", R("я", 134), 2, 134, ["я"], [67, 67]);
        Ucs("67*2+1 code units", R("я", 135), 3, 135, ["я"], [67, 67, 1]);
        Ucs("one c cedilla in 160 letters", R("a", 159) + "ç", 3, 160, ["ç"], [67, 67, 26]);
        Ucs("c cedilla at the start", "ça va", 1, 5, ["ç"]);
        Ucs("repeated forcing char listed once", "ççç", 1, 3, ["ç"]);
        Ucs("forcing chars in first-appearance order", "b`aç`ç", 1, 6, ["`", "ç"]);
        Ucs("curly quotes", "“Hi” it’s me", 1, 12, ["“", "”", "’"]);
        Ucs("non-breaking space", "10\u00A0€", 1, 4, ["\u00A0"]);
        Ucs("euro counts 1 in UCS-2", "€я", 1, 2, ["я"]);
        Ucs("extension chars count 1 in UCS-2", "{[]}~я", 1, 6, ["я"]);
        Ucs("Greek lowercase not basic", "Δδ", 1, 2, ["δ"]);
        Ucs("Greek capital alpha is not Latin A", "\u0391BC", 1, 3, ["\u0391"]);
        Ucs("ohm sign is not Omega", "Ω\u2126", 1, 2, ["\u2126"]);
        Ucs("increment is not Delta", "Δ\u2206", 1, 2, ["\u2206"]);
        Ucs("tab is not GSM", "a\tb", 1, 3, ["\t"]);
        Ucs("escape char itself is not a character", "a\u001Bb", 1, 3, ["\u001B"]);
        Ucs("lowercase acute vowels", "áéíóú", 1, 5, ["á", "í", "ó", "ú"]);
        Ucs("capital grave vowels not basic, capital E acute is", "ÀÈÉ", 1, 3, ["À", "È"]);
        Ucs("combining acute stays with its letter", "e\u0301a", 1, 3, ["e\u0301"]);
        Ucs("emoji is a surrogate pair", "Hi 😀", 1, 5, ["😀"]);
        Ucs("35 emoji fill 70 units", R("😀", 35), 1, 70, ["😀"]);
        Ucs("36 emoji are 33 + 3", R("😀", 36), 2, 72, ["😀"], [66, 6]);
        Ucs("67 emoji need 3 parts, not 2", R("😀", 67), 3, 134, ["😀"], [66, 66, 2]);
        Ucs("emoji as last of 70 units", R("a", 68) + "😀", 1, 70, ["😀"]);
        Ucs("emoji taking units 70-71", R("a", 69) + "😀", 2, 71, ["😀"], [67, 4]);
        Ucs("emoji straddling 67 moves to part 2", R("a", 66) + "😀" + R("a", 10), 2, 78, ["😀"], [66, 12]);
        Ucs("emoji ending exactly at 67", R("a", 65) + "😀" + R("a", 10), 2, 77, ["😀"], [67, 10]);
        Ucs("Cyrillic then emoji straddling", R("я", 66) + "😀" + R("я", 3), 2, 71, ["я", "😀"], [66, 5]);
        Ucs("straddle at the second boundary", R("я", 67) + R("я", 66) + "🎉" + "я", 3, 136, ["я", "🎉"], [67, 66, 3]);
        Ucs("ZWJ family counts its code units", "👨\u200D👩\u200D👧", 1, 8, ["👨\u200D👩\u200D👧"]);
        Ucs("ZWJ family x9 splits after a joiner at 67", R("👨\u200D👩\u200D👧", 9), 2, 72, ["👨\u200D👩\u200D👧"], [67, 5]);
        Ucs("skin tone modifier", "👍🏽 ok", 1, 7, ["👍🏽"]);
        Ucs("flag is two regional indicators", "🇫🇷!", 1, 5, ["🇫🇷"]);
        Ucs("keycap sequence", "1\uFE0F\u20E3", 1, 3, ["1\uFE0F\u20E3"]);
        Ucs("lone high surrogate", "a\uD83D", 1, 2, ["\uD83D"]);
        Ucs("lone low surrogate", "\uDE00b", 1, 2, ["\uDE00"]);
        Ucs("Cyrillic and Latin", "Привет, world", 1, 13, ["П", "р", "и", "в", "е", "т"]);
        Ucs("Chinese", "你好，世界", 1, 5, ["你", "好", "，", "世", "界"]);
        Ucs("Japanese", "こんにちは", 1, 5, ["こ", "ん", "に", "ち", "は"]);
        Ucs("Arabic", "مرحبا", 1, 5, ["م", "ر", "ح", "ب", "ا"]);
        Ucs("Hebrew", "שלום", 1, 4, ["ש", "ל", "ו", "ם"]);
        Ucs("Turkish dotless i", "Işık", 1, 4, ["ş", "ı"]);
        Ucs("Polish", "Zażółć", 1, 6, ["ż", "ó", "ł", "ć"]);
        Ucs("Vietnamese", "Việt", 1, 4, ["ệ"]);
        Ucs("Greek word", "Καλημέρα", 1, 8, ["Κ", "α", "λ", "η", "μ", "έ", "ρ"]);
        Ucs("mixed scripts long", R("Hello мир 🌍 ", 12), 3, 156, ["м", "и", "р", "🌍"], [67, 67, 22]);
        Ucs("ellipsis from a phone keyboard", "Wait…", 1, 5, ["…"]);
        Ucs("en dash", "9–5", 1, 3, ["–"]);
        Ucs("degree sign", "20°C", 1, 4, ["°"]);
        Ucs("trademark", "Runnel™", 1, 7, ["™"]);
        Ucs("zero-width space", "a\u200Bb", 1, 3, ["\u200B"]);
        Ucs("BOM at the start", "\uFEFFhi", 1, 3, ["\uFEFF"]);
        return cases;
    }
}
