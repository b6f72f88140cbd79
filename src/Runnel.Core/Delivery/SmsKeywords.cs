using System.Text;

namespace Runnel.Core.Delivery;

/// <summary>
/// The compliance words of API.md §12, recognised on the whole message, case-insensitive, with surrounding spaces and
/// punctuation ignored ("Stop." and " stop! " are STOP; "please stop" is not), and inner runs of spaces read as one
/// ("STOP   ALL" is STOP ALL).
/// </summary>
public static class SmsKeywords
{
    public static readonly IReadOnlySet<string> Stop = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "STOP", "STOPALL", "STOP ALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT",
    };

    public static readonly IReadOnlySet<string> Help = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "HELP" };

    public static readonly IReadOnlySet<string> Start =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "START", "UNSTOP" };

    /// <summary>The message without surrounding whitespace and punctuation, inner whitespace runs as one space.</summary>
    public static string Normalize(string text)
    {
        var span = text.AsSpan();
        var start = 0;
        var end = span.Length;
        while (start < end && Ignorable(span[start]))
        {
            start++;
        }

        while (end > start && Ignorable(span[end - 1]))
        {
            end--;
        }

        var builder = new StringBuilder(end - start);
        var space = false;
        foreach (var c in span[start..end])
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static bool Ignorable(char c) => char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c);
}
