using System.Text;

namespace Runnel.Core.Templates;

/// <summary>HTML escaping of text placed in element content or in a quoted attribute value.</summary>
public static class HtmlText
{
    /// <summary>Escapes the five characters that matter in HTML (&amp; &lt; &gt; " '); leaves the rest alone.</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '"': escaped.Append("&quot;"); break;
                case '\'': escaped.Append("&#39;"); break;
                default: escaped.Append(c); break;
            }
        }

        return escaped.ToString();
    }
}
