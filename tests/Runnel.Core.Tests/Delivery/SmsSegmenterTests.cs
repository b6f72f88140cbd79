using System.Globalization;
using Runnel.Core.Delivery;

namespace Runnel.Core.Tests.Delivery;

public sealed class SmsSegmenterTests
{
    public static TheoryData<string> CaseNames => [.. SmsCorpus.Cases.Keys];

    [Fact]
    public void The_corpus_has_at_least_200_cases_and_every_table_character() =>
        Assert.True(SmsCorpus.Cases.Count >= 200 && SmsCorpus.Basic.Length == 127 && SmsCorpus.Extension.Length == 10,
            $"{SmsCorpus.Cases.Count} cases, {SmsCorpus.Basic.Length} basic, {SmsCorpus.Extension.Length} extension");

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Corpus_case_is_analyzed_as_a_carrier_counts_it(string name)
    {
        var expected = SmsCorpus.Cases[name];
        var info = SmsSegmenter.Analyze(expected.Text);

        Assert.Equal(expected.Encoding, info.Encoding);
        Assert.Equal(expected.Segments, info.Segments);
        Assert.Equal(expected.Units, info.Units);
        Assert.Equal(expected.UnitsPerSegment, info.UnitsPerSegment);
        Assert.Equal(expected.Ucs2, info.Ucs2Characters);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Corpus_case_splits_into_parts_within_limits_that_join_back(string name)
    {
        var expected = SmsCorpus.Cases[name];
        var parts = SmsSegmenter.Split(expected.Text);

        Assert.Equal(SmsSegmenter.Analyze(expected.Text).Segments, parts.Count);
        Assert.Equal(expected.Text, string.Concat(parts));
        if (expected.PartLengths is { } lengths)
        {
            Assert.Equal(lengths, parts.Select(p => p.Length));
        }

        AssertWithinLimits(expected.Encoding, parts);
    }

    [Fact]
    public void Wire_names_are_gsm7_and_ucs2()
    {
        Assert.Equal("gsm7", SmsSegmenter.Analyze("hello").EncodingName);
        Assert.Equal("ucs2", SmsSegmenter.Analyze("héllo ça").EncodingName);
        Assert.Equal(SmsEncodingNames.Gsm7, SmsEncodingNames.Of(SmsEncoding.Gsm7));
        Assert.Equal(SmsEncodingNames.Ucs2, SmsEncodingNames.Of(SmsEncoding.Ucs2));
    }

    [Fact]
    public void Extension_char_straddling_153_opens_the_next_part()
    {
        var parts = SmsSegmenter.Split(new string('a', 152) + "€" + "0123456789");
        Assert.Equal([new string('a', 152), "€0123456789"], parts);
    }

    [Fact]
    public void Surrogate_pair_straddling_67_opens_the_next_part_leaving_66()
    {
        var parts = SmsSegmenter.Split(new string('a', 66) + "😀" + "tail");
        Assert.Equal([new string('a', 66), "😀tail"], parts);
    }

    [Fact]
    public void Null_text_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => SmsSegmenter.Analyze(null!));
        Assert.Throws<ArgumentNullException>(() => SmsSegmenter.Split(null!));
    }

    // A property test without a library (none is referenced): seeded random bodies drawn from the GSM tables, common
    // non-GSM letters, emoji and ZWJ sequences, lone surrogates, at lengths around every boundary.
    [Fact]
    public void Random_bodies_keep_every_invariant()
    {
        string[] atoms =
        [
            .. SmsCorpus.Basic.Select(c => c.ToString()), .. SmsCorpus.Extension.Select(c => c.ToString()),
            "ç", "я", "“", "\u00A0", "😀", "👍🏽", "👨\u200D👩\u200D👧", "🇫🇷", "e\u0301", "\uD83D", "\uDE00",
        ];
        string[] gsmAtoms =
            [.. SmsCorpus.Basic.Select(c => c.ToString()), .. SmsCorpus.Extension.Select(c => c.ToString())];
        var random = new Random(23038);
        for (var run = 0; run < 3000; run++)
        {
            var pool = run % 2 == 0 ? gsmAtoms : atoms;
            var target = random.Next(0, 520);
            var text = new System.Text.StringBuilder();
            while (text.Length < target)
            {
                text.Append(pool[random.Next(pool.Length)]);
            }

            var body = text.ToString();
            var info = SmsSegmenter.Analyze(body);
            var parts = SmsSegmenter.Split(body);
            var context = $"run {run}: {body}";

            Assert.True(info.Segments == parts.Count, context);
            Assert.True(body == string.Concat(parts), context);
            AssertWithinLimits(info.Encoding, parts);

            var isGsm = body.All(c => SmsCorpus.Basic.Contains(c) || SmsCorpus.Extension.Contains(c));
            Assert.True(isGsm == (info.Encoding == SmsEncoding.Gsm7), context);
            var units = isGsm ? body.Sum(c => SmsCorpus.Extension.Contains(c) ? 2 : 1) : body.Length;
            Assert.True(units == info.Units, context);
            var single = isGsm ? 160 : 70;
            Assert.True((units <= single) == (parts.Count == 1), context);
            Assert.True(info.UnitsPerSegment == (parts.Count == 1 ? single : isGsm ? 153 : 67), context);

            // Every forcing character is a whole text element of the body, listed once, in order of appearance.
            Assert.Equal(info.Ucs2Characters.Count, info.Ucs2Characters.Distinct(StringComparer.Ordinal).Count());
            Assert.True(isGsm == (info.Ucs2Characters.Count == 0), context);
            var elements = TextElements(body);
            Assert.All(info.Ucs2Characters, c => Assert.Contains(c, elements));
            var firstSeen = info.Ucs2Characters.Select(c => elements.IndexOf(c)).ToList();
            Assert.Equal(firstSeen.Order(), firstSeen);

            // Greedy packing: each full part could not have taken the next character.
            for (var i = 0; i + 1 < parts.Count; i++)
            {
                var next = parts[i + 1];
                var nextSize = isGsm
                    ? (SmsCorpus.Extension.Contains(next[0]) ? 2 : 1)
                    : (next.Length > 1 && char.IsSurrogatePair(next[0], next[1]) ? 2 : 1);
                Assert.True(Size(isGsm, parts[i]) + nextSize > (isGsm ? 153 : 67), context);
            }
        }
    }

    private static List<string> TextElements(string text)
    {
        var list = new List<string>();
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
        {
            list.Add(e.GetTextElement());
        }

        return list;
    }

    private static int Size(bool gsm, string part) =>
        gsm ? part.Sum(c => SmsCorpus.Extension.Contains(c) ? 2 : 1) : part.Length;

    private static void AssertWithinLimits(SmsEncoding encoding, IReadOnlyList<string> parts)
    {
        var gsm = encoding == SmsEncoding.Gsm7;
        var limit = parts.Count == 1 ? (gsm ? 160 : 70) : (gsm ? 153 : 67);
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            Assert.True(Size(gsm, part) <= limit, $"part of {Size(gsm, part)} units over {limit}: {part}");
            if (parts.Count > 1)
            {
                Assert.NotEqual(0, part.Length);
                Assert.False(i + 1 < parts.Count && char.IsSurrogatePair(part[^1], parts[i + 1][0]),
                    $"surrogate pair split after: {part}");
            }
        }
    }
}
