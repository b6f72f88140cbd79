using System.Net;
using System.Text.RegularExpressions;

namespace Runnel.Core.Pages;

/// <summary>
/// The parts of a page's HTML the server fills in. <c>{{form}}</c> is not a Liquid variable (its output would be
/// escaped): before rendering it is swapped for <see cref="FormSlot"/>, an HTML comment that survives rendering as
/// template text, and the page's form goes in its place when the page is served. Merge-token output is HTML-escaped,
/// so a contact's data can never produce the slot.
/// </summary>
public static partial class PageHtml
{
    public const string FormSlot = "<!--runnel:form-->";

    /// <summary>The largest page HTML accepted (by the API, from a template, or from a generator): 256 KiB.</summary>
    public const int MaxLength = 256 * 1024;

    public static string MarkFormSlot(string html) => FormToken().Replace(html, FormSlot);

    public static string FillFormSlot(string html, string form) => html.Replace(FormSlot, form, StringComparison.Ordinal);

    /// <summary>The built-in layout of a scratch page made without a generator: the rendered prompt as its text.</summary>
    public static string Layout(string title, string body)
    {
        var paragraphs = body.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => $"<p>{WebUtility.HtmlEncode(p).Replace("\n", "<br>", StringComparison.Ordinal)}</p>");
        return $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{WebUtility.HtmlEncode(title)}}</title>
            <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#222}h1{font-size:1.6rem}</style>
            </head><body><main><h1>{{WebUtility.HtmlEncode(title)}}</h1>
            {{string.Join("\n", paragraphs)}}
            {{FormSlot}}
            </main></body></html>
            """;
    }

    [GeneratedRegex(@"\{\{-?\s*form\s*-?\}\}")]
    private static partial Regex FormToken();
}
