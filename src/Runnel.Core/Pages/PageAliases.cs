using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Runnel.Core.Pages;

/// <summary>
/// Page aliases (API.md §13): <c>^[a-z0-9][a-z0-9-]{0,62}$</c>, unique on the server. A member's page ends in a
/// suffix of <see cref="SuffixBits"/> random bits from <see cref="RandomNumberGenerator"/> (base32, lower case), so
/// an alias cannot be guessed from another member's or from the merge tokens that went into it.
/// </summary>
public static partial class PageAliases
{
    public const int MaxLength = 63;

    /// <summary>15 random bytes: 120 bits, well above the 96 the contract asks for; 24 base32 characters.</summary>
    public const int SuffixBytes = 15;

    public const int SuffixBits = SuffixBytes * 8;

    public const int SuffixLength = SuffixBytes * 8 / 5;

    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    public static bool IsValid(string? alias) => alias is not null && Pattern().IsMatch(alias);

    public const string Rule = "must match ^[a-z0-9][a-z0-9-]{0,62}$ (lower-case letters, digits and dashes)";

    /// <summary>A fresh random suffix of <see cref="SuffixLength"/> characters.</summary>
    public static string NewSuffix()
    {
        Span<byte> bytes = stackalloc byte[SuffixBytes];
        RandomNumberGenerator.Fill(bytes);
        var text = new StringBuilder(SuffixLength);
        var buffer = 0;
        var bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                text.Append(Base32[(buffer >> bits) & 31]);
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// A member's alias: the rendered custom alias (or the page name, or "page") reduced to alias characters and
    /// shortened so that <c>-</c> and <paramref name="suffix"/> fit, then the suffix.
    /// </summary>
    public static string ForMember(string? wanted, string suffix)
    {
        var slug = Slug(wanted);
        var room = MaxLength - suffix.Length - 1;
        if (slug.Length > room)
        {
            slug = slug[..room].TrimEnd('-');
        }

        return slug.Length == 0 ? suffix : $"{slug}-{suffix}";
    }

    /// <summary>Lower-case letters and digits kept; anything else becomes one dash; no leading or trailing dash.</summary>
    public static string Slug(string? text)
    {
        var slug = new StringBuilder();
        foreach (var c in (text ?? "").Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c)
                     == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                // An accent of the letter before it: dropped, so "é" reads as "e".
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().Trim('-');
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex Pattern();
}
