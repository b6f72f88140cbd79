using System.Globalization;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.FileProviders;

namespace Runnel.Core.Templates;

/// <summary>
/// The one parser and the one set of options every render shares (both are safe to share once built; each render
/// gets its own <see cref="TemplateContext"/>). The sandbox is an allow-list: the tags and filters Runnel has always
/// offered, nothing that reads files, and no .NET member reachable from a template.
/// </summary>
internal static class LiquidSandbox
{
    /// <summary>
    /// Tags templates may use, block tags with their end tags implied. Fluid also offers <c>include</c>/<c>render</c>
    /// (files), <c>liquid</c> (its inner tags would escape the nesting check of <see cref="BlockScanner"/>),
    /// <c>echo</c> and <c>#</c>: all removed, so templates keep the language they had.
    /// </summary>
    public static readonly IReadOnlySet<string> Tags = new HashSet<string>(StringComparer.Ordinal)
    {
        "assign", "break", "capture", "case", "comment", "continue", "cycle", "decrement", "for", "if", "ifchanged",
        "increment", "raw", "tablerow", "unless",
    };

    /// <summary>Tags that would read files or other templates; naming them is refused with its own reason.</summary>
    public static readonly IReadOnlySet<string> FileTags =
        new HashSet<string>(StringComparer.Ordinal) { "include", "render", "extends", "layout", "section" };

    /// <summary>
    /// Fluid's filters that Runnel does not offer: <c>raw</c> would switch HTML escaping off, and the rest were never
    /// part of Runnel's Liquid (kept out so a template written today still renders on the engine of tomorrow).
    /// </summary>
    private static readonly string[] RemovedFilters =
    [
        "raw", "json", "format_date", "format_number", "format_string", "time_zone", "hmac_sha1", "hmac_sha256",
        "md5", "sha1", "sha256", "base64_decode", "base64_encode", "base64_url_safe_decode",
        "base64_url_safe_encode", "handle", "handleize", "find", "find_index", "has", "reject", "sum",
        "remove_last", "replace_last",
    ];

    public static FluidParser Parser { get; } = NewParser();

    public static TemplateOptions Options { get; } = NewOptions();

    private static FluidParser NewParser()
    {
        var parser = new FluidParser(new FluidParserOptions { AllowFunctions = false, AllowParentheses = false });
        foreach (var tag in parser.RegisteredTags.Keys.Where(tag => !Tags.Contains(tag)).ToList())
        {
            parser.RegisteredTags.Remove(tag);
        }

        return parser;
    }

    private static TemplateOptions NewOptions()
    {
        var options = new TemplateOptions
        {
            // Nothing registered: dictionaries and lists from LiquidValues are readable, no .NET object is.
            MemberAccessStrategy = new DefaultMemberAccessStrategy(),
            FileProvider = new NullFileProvider(),
            CultureInfo = CultureInfo.InvariantCulture,
            TimeZone = TimeZoneInfo.Utc,
            ModelNamesComparer = StringComparer.Ordinal,
            Captured = (_, value, _) => BoundedString(value),
            Assigned = (_, value, _) => BoundedString(value),
        };
        foreach (var name in RemovedFilters)
        {
            options.Filters.Remove(name);
        }

        SandboxFilters.Register(options.Filters);
        return options;
    }

    private static ValueTask<FluidValue> BoundedString(FluidValue value)
    {
        if (value is StringValue && value.ToStringValue().Length > TemplateLimits.MaxOutputBytes)
        {
            throw SandboxFilters.TooLong();
        }

        return ValueTask.FromResult(value);
    }
}
