using System.Text;
using Runnel.Core.Errors;
using Runnel.Core.Pages;
using Runnel.Server.Features.Forms;

namespace Runnel.Server.Features.Pages;

/// <summary>
/// The HTML answers of <c>/p/{alias}</c> (and of a page's form sent back with its errors), with the headers that keep
/// page HTML harmless: a Content-Security-Policy that allows no script, plugin, frame or foreign form target, no
/// MIME sniffing, no framing, no referrer; a member's page is also kept out of search engines and caches.
/// </summary>
public static class HostedPages
{
    /// <summary>
    /// No script of any kind (<c>default-src 'none'</c> covers <c>script-src</c>), no frames, plugins or
    /// connections; styles, images and fonts inline or over https; forms post only to this server (and to the
    /// origin of the form's <c>redirect_url</c>, which the browser follows after the post).
    /// </summary>
    public static string ContentSecurityPolicy(string? formRedirect)
    {
        var formAction = "'self'";
        if (formRedirect is not null && Uri.TryCreate(formRedirect, UriKind.Absolute, out var target))
        {
            formAction += $" {target.GetLeftPart(UriPartial.Authority)}";
        }

        return "default-src 'none'; style-src 'unsafe-inline' https:; img-src https: data:; font-src https: data:; " +
               $"form-action {formAction}; frame-ancestors 'none'; base-uri 'none'";
    }

    /// <summary>The page, its form (with <paramref name="values"/> and <paramref name="errors"/>) in the form slot.</summary>
    public static IResult Serve(PageView view, IReadOnlyDictionary<string, string> values,
        IReadOnlyList<FieldError> errors, int status)
    {
        var form = view.Form is { } f
            ? FormPages.Fragment(f, values, errors, Core.Ids.Format(view.Page.Id))
            : "";
        var html = PageHtml.FillFormSlot(view.Html, form);
        return new HtmlPage(html, status, ContentSecurityPolicy(view.Form?.RedirectUrl), view.Page.MemberId is not null);
    }

    /// <summary>The 404 page of an unknown, unpublished or expired alias.</summary>
    public static IResult NotFound() => Message("Page not found",
        "This page does not exist or is no longer available.", StatusCodes.Status404NotFound);

    /// <summary>A page that could not be rendered this time.</summary>
    public static IResult Unavailable() => Message("Page unavailable",
        "This page cannot be shown right now. Please try again later.", StatusCodes.Status503ServiceUnavailable);

    private static HtmlPage Message(string title, string text, int status) => new(
        $"<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>" +
        $"<body><h1>{title}</h1><p>{text}</p></body></html>",
        status, ContentSecurityPolicy(null), personal: false);

    private sealed class HtmlPage(string html, int status, string policy, bool personal) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            var response = http.Response;
            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";
            var headers = response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (personal)
            {
                // A member's page holds personal data: never indexed, never kept by a shared cache.
                headers["X-Robots-Tag"] = "noindex, nofollow";
                headers.CacheControl = "private, no-store";
            }
            else
            {
                headers.CacheControl = "no-cache";
            }

            await response.Body.WriteAsync(Encoding.UTF8.GetBytes(html), http.RequestAborted);
        }
    }
}
