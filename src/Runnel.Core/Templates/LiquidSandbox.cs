using DotLiquid;
using DotLiquid.FileSystems;

namespace Runnel.Core.Templates;

/// <summary>
/// DotLiquid's settings are process-wide statics; they are set here, once, before the first parse. Nothing else in
/// Runnel configures DotLiquid.
/// </summary>
internal static class LiquidSandbox
{
    private static readonly bool Configured = Configure();

    public static void EnsureConfigured() => _ = Configured;

    private static bool Configure()
    {
        // 2.2a follows Ruby Liquid most closely (whitespace control, capitalize, ranges).
        Template.DefaultSyntaxCompatibilityLevel = SyntaxCompatibility.DotLiquid22a;
        // DotLiquid's regexes backtrack on hostile markup; no single match may take longer than a whole render.
        Template.RegexTimeOut = TemplateLimits.MaxRenderTime;
        Template.FileSystem = new BlankFileSystem();
        Liquid.UseRubyDateFormat = true;
        Template.RegisterFilter(typeof(SandboxFilters));
        Template.RegisterTag<FileTagNotAllowed>("include");
        Template.RegisterTag<FileTagNotAllowed>("render");
        Template.RegisterTag<FileTagNotAllowed>("extends");
        Template.RegisterTag<BoundedCapture>("capture");
        return true;
    }
}
