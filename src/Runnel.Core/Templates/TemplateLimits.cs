namespace Runnel.Core.Templates;

/// <summary>
/// The sandbox's resource limits. Templates are written by API clients, so each limit bounds what one hostile or
/// careless template can cost the process that renders it.
/// </summary>
public static class TemplateLimits
{
    /// <summary>
    /// Wall-clock time for one render (all parts of one email together). Real emails render in well under a
    /// millisecond; a second leaves room for a loaded machine while keeping a runaway loop from holding a runner
    /// thread. Measured on the real clock: it bounds CPU, not flow time, so a fake clock must not stretch it.
    /// </summary>
    public static readonly TimeSpan MaxRenderTime = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Items one <c>for</c>/<c>tablerow</c> loop goes over, counted before it starts (<see cref="BoundedLoopSource"/>).
    /// Ten thousand is far beyond any list a message shows (cart lines, recommendations) and stops
    /// <c>(1..2000000000)</c> at once; nested loops multiply, which <see cref="MaxRenderTime"/> then bounds.
    /// </summary>
    public const int MaxLoopIterations = 10_000;

    /// <summary>
    /// UTF-8 bytes of one rendered part, and characters of any one string a template builds (capture, append,
    /// replace, join). The same as the largest html a client may store: a template cannot grow past what could
    /// have been written out by hand, and mail clients clip far smaller bodies anyway (Gmail at about 100 KB).
    /// </summary>
    public const int MaxOutputBytes = 512 * 1024;

    /// <summary>
    /// Items in one array a template builds with <c>concat</c>; stops doubling an array in a loop long before it
    /// costs real memory.
    /// </summary>
    public const int MaxArrayItems = 100_000;

    /// <summary>
    /// Block tags nested inside each other. Fluid parses and renders nesting by recursion, and a stack overflow
    /// ends the process rather than throwing, so the depth is checked before Fluid sees the text. Hand-written
    /// templates rarely nest past five.
    /// </summary>
    public const int MaxNestingDepth = 32;

    /// <summary>
    /// Parsed templates kept in memory, and the total length of their source text. Emails, SMS bodies and pages
    /// are re-rendered for every recipient, so parsing once matters; the bound keeps a workspace that stores
    /// thousands of large templates from holding them all.
    /// </summary>
    public const int MaxCachedTemplates = 2048;

    /// <inheritdoc cref="MaxCachedTemplates"/>
    public const long MaxCachedSourceChars = 16L * 1024 * 1024;
}
