using System.Text.Encodings.Web;

namespace Runnel.Core.Templates;

/// <summary>
/// The encoder of HTML bodies: <see cref="HtmlText.Escape"/>'s five characters and nothing else. The framework's
/// <see cref="HtmlEncoder.Default"/> also turns every non-ASCII letter into an entity (<c>é</c> → <c>&amp;#xE9;</c>),
/// which mail clients show fine but makes sent mail hard to read and to test.
/// </summary>
internal sealed class HtmlTextEncoder : HtmlEncoder
{
    public static HtmlTextEncoder Instance { get; } = new();

    private HtmlTextEncoder()
    {
    }

    // "&quot;" is the longest entity written.
    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override string Encode(string value) => HtmlText.Escape(value);

    public override void Encode(TextWriter output, string value, int startIndex, int characterCount) =>
        output.Write(HtmlText.Escape(value.Substring(startIndex, characterCount)));

    public override void Encode(TextWriter output, char[] value, int startIndex, int characterCount) =>
        output.Write(HtmlText.Escape(new string(value, startIndex, characterCount)));

    public override bool WillEncode(int unicodeScalar) => Entity(unicodeScalar) is not null;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength) =>
        new ReadOnlySpan<char>(text, textLength).IndexOfAny("&<>\"'");

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength,
        out int numberOfCharactersWritten)
    {
        var span = new Span<char>(buffer, bufferLength);
        var entity = Entity(unicodeScalar);
        if (entity is null)
        {
            return new System.Text.Rune(unicodeScalar).TryEncodeToUtf16(span, out numberOfCharactersWritten);
        }

        numberOfCharactersWritten = 0;
        if (!entity.AsSpan().TryCopyTo(span))
        {
            return false;
        }

        numberOfCharactersWritten = entity.Length;
        return true;
    }

    private static string? Entity(int unicodeScalar) => unicodeScalar switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        '\'' => "&#39;",
        _ => null,
    };
}
