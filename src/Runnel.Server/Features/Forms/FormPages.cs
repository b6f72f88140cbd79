using System.Net;
using System.Text;
using Runnel.Core.Errors;
using Runnel.Core.Forms;

namespace Runnel.Server.Features.Forms;

/// <summary>The HTML answers of a browser submission: the form again with its errors, a thank-you page, not found.</summary>
public static class FormPages
{
    public static IResult Form(Form form, IReadOnlyDictionary<string, string> values, IReadOnlyList<FieldError> errors,
        int status) =>
        Page(form.Name, Fragment(form, values, errors, values.GetValueOrDefault("page_id")), status);

    /// <summary>
    /// The form element alone: its fields with the values given and each field's errors beside it, errors of no
    /// field above them, and a hidden <c>page_id</c> when the form is shown on a page.
    /// </summary>
    public static string Fragment(Form form, IReadOnlyDictionary<string, string> values,
        IReadOnlyList<FieldError> errors, string? pageId)
    {
        var html = new StringBuilder();
        html.Append("<form class=\"runnel-form\" method=\"post\" action=\"/forms/").Append(form.Id.ToString("D"))
            .Append("/submit\">");
        var general = errors.Where(e => form.Fields.All(f => f.Name != e.Path)).ToList();
        foreach (var error in general)
        {
            html.Append("<p class=\"error\">").Append(Encode(Describe(error))).Append("</p>");
        }

        foreach (var field in form.Fields)
        {
            var id = Encode(field.Name);
            html.Append("<p><label for=\"").Append(id).Append("\">").Append(id).Append("</label> ");
            var value = values.GetValueOrDefault(field.Name) ?? "";
            html.Append(field.Type switch
            {
                "checkbox" => $"<input type=\"checkbox\" id=\"{id}\" name=\"{id}\" value=\"on\"" +
                              (value is "on" or "true" or "1" or "yes" ? " checked" : "") + ">",
                "email" => $"<input type=\"email\" id=\"{id}\" name=\"{id}\" value=\"{Encode(value)}\">",
                "phone" => $"<input type=\"tel\" id=\"{id}\" name=\"{id}\" value=\"{Encode(value)}\">",
                _ => $"<input type=\"text\" id=\"{id}\" name=\"{id}\" value=\"{Encode(value)}\">",
            });
            foreach (var error in errors.Where(e => e.Path == field.Name))
            {
                html.Append(" <span class=\"error\">").Append(Encode(error.Message)).Append("</span>");
            }

            html.Append("</p>");
        }

        if (pageId is { Length: > 0 } page)
        {
            html.Append("<input type=\"hidden\" name=\"page_id\" value=\"").Append(Encode(page)).Append("\">");
        }

        html.Append("<button type=\"submit\">Submit</button></form>");
        return html.ToString();
    }

    public static IResult Thanks(Form form) =>
        Page(form.Name, "<p>Thank you, your submission was received.</p>", StatusCodes.Status200OK);

    public static IResult Message(string title, string message, int status) =>
        Page(title, $"<p>{Encode(message)}</p>", status);

    private static string Describe(FieldError error) =>
        error.Path.Length == 0 ? error.Message : $"{error.Path}: {error.Message}";

    private static IResult Page(string title, string body, int status) => Results.Content(
        $"<!doctype html><html><head><meta charset=\"utf-8\"><title>{Encode(title)}</title></head>" +
        $"<body><h1>{Encode(title)}</h1>{body}</body></html>",
        "text/html; charset=utf-8", Encoding.UTF8, status);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
