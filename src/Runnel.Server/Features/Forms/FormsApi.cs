using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Runnel.Core;
using Runnel.Core.Errors;
using Runnel.Core.Forms;
using Runnel.Core.Services;
using Runnel.Core.Workspaces;
using Runnel.Server.Features.Pages;
using Runnel.Server.Hosting;

namespace Runnel.Server.Features.Forms;

/// <summary>API.md §9: form definitions (FORMS_WRITE) and the public submit endpoint.</summary>
public static class FormsApi
{
    public static IEndpointRouteBuilder MapFormsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/forms").WithTags("Forms").RequireScope(Scopes.FormsWrite);
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListAsync).ProducesPage<FormResponse>("forms");
        group.MapGet("/{id}", GetAsync);
        group.MapPatch("/{id}", UpdateAsync);
        group.MapDelete("/{id}", DeleteAsync);

        app.MapPost("/forms/{formId}/submit", SubmitAsync).WithTags("Forms").Produces<SubmitResponse>(201);
        return app;
    }

    public sealed record FormResponse(Guid Id, string Name, IReadOnlyList<FormField> Fields, Guid? ListId,
        string? RedirectUrl, string SubmitPath, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    public sealed record SubmitResponse(Guid SubmissionId, Guid FormId, Guid ContactId, string? RedirectUrl);

    private static async Task<Created<FormResponse>> CreateAsync(HttpContext http, Body<CreateFormRequest> body,
        FormService service, CancellationToken ct) =>
        TypedResults.Created((string?)null, ToResponse(await service.CreateAsync(ApiCaller.Of(http).WorkspaceId,
            body.Value, ct)));

    private static async Task<IResult> ListAsync(HttpContext http, Paging paging, FormService service,
        CancellationToken ct)
    {
        var page = await service.ListAsync(ApiCaller.Of(http).WorkspaceId, paging.Request, ct);
        return paging.Result("forms", page, ToResponse);
    }

    private static async Task<Ok<FormResponse>> GetAsync(HttpContext http, string id, FormService service,
        CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await service.GetAsync(ApiCaller.Of(http).WorkspaceId, FormId(id), ct)));

    private static async Task<Ok<FormResponse>> UpdateAsync(HttpContext http, string id, Body<UpdateFormRequest> body,
        FormService service, CancellationToken ct) =>
        TypedResults.Ok(ToResponse(
            await service.UpdateAsync(ApiCaller.Of(http).WorkspaceId, FormId(id), body.Value, ct)));

    private static async Task<NoContent> DeleteAsync(HttpContext http, string id, FormService service,
        CancellationToken ct)
    {
        await service.DeleteAsync(ApiCaller.Of(http).WorkspaceId, FormId(id), ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// A browser posts urlencoded and gets HTML back (the form again with its errors, a 303 to redirect_url, or a
    /// thank-you page); a JSON body, or <c>Accept: application/json</c>, gets JSON and problem documents.
    /// </summary>
    private static async Task<IResult> SubmitAsync(HttpContext http, string formId, FormService service,
        PageService pages, FormRateLimiter limiter, CancellationToken ct)
    {
        var request = http.Request;
        var isJson = request.HasJsonContentType();
        if (!isJson && !request.HasFormContentType)
        {
            throw new RunnelException(ErrorCodes.UnsupportedMediaType,
                "Send application/x-www-form-urlencoded or application/json.");
        }

        var wantsJson = isJson || request.Headers.Accept.ToString().Contains("application/json",
            StringComparison.OrdinalIgnoreCase);
        if (limiter.TryAcquire(http.Connection.RemoteIpAddress) is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            var limited = new RunnelException(ErrorCodes.RateLimited,
                $"Too many submissions from this address; retry in {retryAfter} s.");
            return wantsJson
                ? Problems.Result(limited)
                : FormPages.Message("Too many submissions", limited.Message, StatusCodes.Status429TooManyRequests);
        }

        Guid? id = Ids.TryParse(formId, out var parsed) ? parsed : null;
        var (values, raw) = isJson ? await ReadJsonAsync(http) : await ReadUrlEncodedAsync(http, ct);
        var pageId = values.GetValueOrDefault("page_id") is JsonValue page && page.TryGetValue<string>(out var p)
            ? p
            : request.Query["page_id"].FirstOrDefault();
        try
        {
            var result = await service.SubmitAsync(id, new FormSubmissionInput(values, pageId), ct);
            if (wantsJson)
            {
                return TypedResults.Created((string?)null, new SubmitResponse(result.SubmissionId, result.Form.Id,
                    result.ContactId,
                    result.Form.RedirectUrl));
            }

            return result.Form.RedirectUrl is { } redirect ? new SeeOther(redirect) : FormPages.Thanks(result.Form);
        }
        catch (RunnelException error) when (!wantsJson)
        {
            if (error.Code == ErrorCodes.FormNotFound)
            {
                return FormPages.Message("Form not found", "This form does not exist.", StatusCodes.Status404NotFound);
            }

            if (error.Code != ErrorCodes.ValidationFailed)
            {
                throw;
            }

            // Sent from a page: the page again, its form showing the errors in place.
            if (Ids.TryParse(pageId, out var fromPage) && id is { } formKey
                && await pages.FindLiveAsync(fromPage, formKey, ct) is { } view)
            {
                return HostedPages.Serve(view, raw, error.Errors ?? [], StatusCodes.Status400BadRequest);
            }

            var form = await service.FindAsync(id, ct);
            return FormPages.Form(form, raw, error.Errors ?? [], StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>303 See Other: the browser follows with a GET, as after any form post.</summary>
    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }

    private static async Task<(Dictionary<string, JsonNode?> Values, Dictionary<string, string> Raw)> ReadJsonAsync(
        HttpContext http)
    {
        var body = RequestBody.Parse<JsonObject>(await RequestBody.ReadBytesAsync(http));
        var values = body.ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal);
        return (values, []);
    }

    private static async Task<(Dictionary<string, JsonNode?> Values, Dictionary<string, string> Raw)>
        ReadUrlEncodedAsync(HttpContext http, CancellationToken ct)
    {
        var bytes = await RequestBody.ReadBytesAsync(http);
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        var parsed = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(text);
        ct.ThrowIfCancellationRequested();
        // A repeated name keeps its last value, as browsers send a hidden "off" before a checkbox's "on".
        var raw = parsed.ToDictionary(p => p.Key, p => p.Value.LastOrDefault() ?? "", StringComparer.Ordinal);
        var values = raw.ToDictionary(p => p.Key, p => (JsonNode?)JsonValue.Create(p.Value), StringComparer.Ordinal);
        return (values, raw);
    }

    /// <summary>A path id that is not a UUID names no form: 404, as for a form that does not exist.</summary>
    private static Guid? FormId(string id) => Ids.TryParse(id, out var formId) ? formId : null;

    private static FormResponse ToResponse(Form f) => new(f.Id, f.Name, f.Fields, f.ListId, f.RedirectUrl,
        $"/forms/{Ids.Format(f.Id)}/submit", f.CreatedAt, f.UpdatedAt);
}
