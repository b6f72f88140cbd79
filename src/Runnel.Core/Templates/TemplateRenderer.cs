using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Fluid;
using Runnel.Core.Errors;

namespace Runnel.Core.Templates;

/// <summary>
/// Renders Liquid (API.md §10) in a sandbox: no files, no .NET objects, bounded time, loops and output
/// (<see cref="TemplateLimits"/>), on Fluid with <see cref="LiquidSandbox"/>'s shared parser and options. Templates
/// are parsed once and cached by their text; each render gets a fresh context. HTML bodies are written through an
/// HTML encoder, so every <c>{{ }}</c> output is escaped while the template's own text is not. One instance serves
/// the whole process and is safe to call from any thread.
/// </summary>
/// <remarks>
/// A variable with nothing behind it renders empty, and so does a filter that fails on its input (dividing by zero,
/// a bad number): Liquid's forgiving rendering, which suits mail to thousands of contacts with uneven data. A
/// template that does not parse, or that hits a limit, fails the render with
/// <see cref="ErrorCodes.TemplateRenderFailed"/>.
/// </remarks>
public sealed partial class TemplateRenderer
{
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Parsed> _cache = new(StringComparer.Ordinal);
    private long _cachedChars;

    public TemplateRenderer(TimeProvider time) => _time = time;

    /// <summary>The parse problem of <paramref name="template"/>, if any, at <paramref name="path"/>.</summary>
    public IReadOnlyList<FieldError> Check(string template, string path) =>
        FindError(template) is { } error ? [new FieldError(path, error.ToString())] : [];

    /// <summary>Why <paramref name="template"/> does not parse, or null when it does.</summary>
    public TemplateError? FindError(string template) => GetParsed(template).Error;

    /// <summary>Renders plain text (SMS bodies, contact updates, names): nothing is escaped.</summary>
    public string RenderText(string template, TemplateModel model)
    {
        ParseAhead(template);
        using var deadline = NewDeadline();
        return Render(template, html: false, LiquidValues.FromModel(model), path: null, deadline.Token);
    }

    /// <summary>Renders an HTML document or fragment: every <c>{{ }}</c> output is HTML-escaped.</summary>
    public string RenderHtml(string template, TemplateModel model)
    {
        ParseAhead(template);
        using var deadline = NewDeadline();
        return Render(template, html: true, LiquidValues.FromModel(model), path: null, deadline.Token);
    }

    /// <summary>
    /// Renders every part of an email within one time budget. The subject comes out on one line (line breaks a
    /// template or a value brings in become spaces); a non-empty preheader is placed at the top of the HTML body as
    /// hidden preview text.
    /// </summary>
    public RenderedEmail RenderEmail(EmailContent content, TemplateModel model)
    {
        ParseAhead(content.Subject, content.Preheader, content.Html, content.Text);
        using var deadline = NewDeadline();
        var values = LiquidValues.FromModel(model);
        var subject = OneLine(Render(content.Subject, false, values, "subject", deadline.Token));
        var preheader = content.Preheader is null
            ? null
            : OneLine(Render(content.Preheader, false, values, "preheader", deadline.Token));
        var html = content.Html is null ? null : Render(content.Html, true, values, "html", deadline.Token);
        var text = content.Text is null ? null : Render(content.Text, false, values, "text", deadline.Token);
        if (html is not null && !string.IsNullOrEmpty(preheader))
        {
            html = InsertPreheader(html, preheader);
        }

        return new RenderedEmail(subject, string.IsNullOrEmpty(preheader) ? null : preheader, html, text);
    }

    /// <summary>
    /// Parses (or finds cached) before the deadline starts: the time limit bounds rendering, and a first parse can
    /// wait on a busy machine for reasons that say nothing about the template (JIT, a cold cache, other threads).
    /// The parse itself is bounded by the size of what a client may store.
    /// </summary>
    private void ParseAhead(params string?[] sources)
    {
        foreach (var source in sources)
        {
            if (source is not null)
            {
                GetParsed(source);
            }
        }
    }

    private static string OneLine(string text) => LineBreaks().Replace(text, " ").Trim();

    private static CancellationTokenSource NewDeadline() =>
        // The real clock on purpose: this bounds CPU spent, which flow time (a fake clock in tests) says nothing about.
        new(TemplateLimits.MaxRenderTime, TimeProvider.System);

    private string Render(string source, bool html, Dictionary<string, object?> values, string? path,
        CancellationToken deadline)
    {
        var parsed = GetParsed(source);
        if (parsed.Template is null)
        {
            throw Failed(path, parsed.Error!.ToString());
        }

        // A fresh context per part keeps one part's assigns and increment/decrement counters out of the next.
        var context = new TemplateContext(LiquidSandbox.Options);
        var now = _time.GetUtcNow();
        context.Now = () => now;
        foreach (var (name, value) in values)
        {
            context.SetValue(name, value);
        }

        new RenderScope(deadline).AttachTo(context);
        using var output = new BoundedWriter(deadline);
        try
        {
            // Nothing in the sandbox awaits real I/O, so the render completes synchronously.
            parsed.Template.RenderAsync(output, html ? HtmlTextEncoder.Instance : NullEncoder.Default, context)
                .AsTask().GetAwaiter().GetResult();
        }
        catch (TemplateLimitException limit)
        {
            throw Failed(path, limit.Message);
        }
        catch (OperationCanceledException)
        {
            throw Failed(path, $"rendering took longer than {TemplateLimits.MaxRenderTime.TotalSeconds:0.#} s",
                TimeLimit);
        }

        return output.ToString();
    }

    /// <summary>
    /// The parsed template, shared by HTML and plain text renders: escaping is the encoder's job, not the tree's.
    /// </summary>
    private Parsed GetParsed(string source)
    {
        if (_cache.TryGetValue(source, out var cached))
        {
            return cached;
        }

        var (template, error) = LiquidParser.Parse(source);
        var parsed = new Parsed(template, error);
        // Past either bound the cache starts over: simpler than LRU, and a miss only costs one parse.
        if (Interlocked.Add(ref _cachedChars, source.Length) > TemplateLimits.MaxCachedSourceChars
            || _cache.Count >= TemplateLimits.MaxCachedTemplates)
        {
            _cache.Clear();
            Interlocked.Exchange(ref _cachedChars, source.Length);
        }

        _cache[source] = parsed;
        return parsed;
    }

    /// <summary>The <c>limit</c> of a render that ran out of time.</summary>
    public const string TimeLimit = "time";

    /// <summary>
    /// True when <paramref name="error"/> is a render stopped by the time limit. Unlike the other limits it can be the
    /// machine's fault (a GC pause, a frozen or starved process) rather than the template's, so a retry may succeed.
    /// </summary>
    public static bool IsTimeLimit(Exception error) =>
        error is RunnelException { Extensions: { } extensions }
        && extensions.TryGetValue("limit", out var limit) && limit as string == TimeLimit;

    private static RunnelException Failed(string? path, string reason, string? limit = null)
    {
        var extensions = new Dictionary<string, object?>();
        if (path is not null)
        {
            extensions["path"] = path;
        }

        if (limit is not null)
        {
            extensions["limit"] = limit;
        }

        return new RunnelException(ErrorCodes.TemplateRenderFailed, path is null ? reason : $"{path}: {reason}",
            extensions: extensions.Count == 0 ? null : extensions);
    }

    private static string InsertPreheader(string html, string preheader)
    {
        var hidden = "<div style=\"display:none;max-height:0;overflow:hidden;mso-hide:all\" aria-hidden=\"true\">"
                     + HtmlText.Escape(preheader) + "</div>";
        var body = BodyTag().Match(html);
        return body.Success ? html.Insert(body.Index + body.Length, hidden) : hidden + html;
    }

    private sealed record Parsed(IFluidTemplate? Template, TemplateError? Error);

    [GeneratedRegex(@"[\r\n]+", RegexOptions.CultureInvariant)]
    private static partial Regex LineBreaks();

    [GeneratedRegex(@"<body\b[^>]*>", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BodyTag();
}
