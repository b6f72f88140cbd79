using System.Text.Json.Nodes;
using Runnel.Core.Errors;
using Runnel.Core.Forms;
using Runnel.Core.Members;
using Runnel.Core.Pages;
using Runnel.Core.Storage;
using Runnel.Core.Templates;

namespace Runnel.Core.Services;

/// <summary>
/// Hosted pages (API.md §13): shared pages managed through <c>/v1/pages</c>, and the public view of any page at
/// <c>/p/{alias}</c>, counted and — for a member's page — written to the member's timeline. docs/pages.md has the
/// rules.
/// </summary>
public sealed class PageService(IRunnelStore store, TimeProvider time, TemplateRenderer renderer)
{
    public const int MaxNameLength = LandingPage.MaxNameLength;

    /// <summary>The longest search term accepted.</summary>
    public const int MaxSearchLength = 200;

    public Task<LandingPage> CreateAsync(Guid workspaceId, CreatePageRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var name = errors.RequireName(request.Name, "name", MaxNameLength);
        var alias = CheckAlias(request.Alias, errors);
        if (request.Html is not null && request.TemplateId is not null)
        {
            errors.Add("html", "give html or template_id, not both");
        }
        else if (request.Html is null && request.TemplateId is null)
        {
            errors.Add("html", "is required unless template_id is given");
        }

        CheckHtml(request.Html, "html", errors);
        var templateId = ParseId(request.TemplateId, "template_id", "a template id", errors);
        var formId = ParseId(request.FormId, "form_id", "a form id", errors);
        errors.ThrowIfAny();
        var now = time.GetUtcNow();
        return store.WriteAsync(async s =>
        {
            var html = request.Html ?? await TemplateHtmlAsync(s, workspaceId, templateId!.Value);
            await RequireFormAsync(s, workspaceId, formId);
            var page = new LandingPage(Ids.New(time), workspaceId, name, alias, html, templateId, formId,
                request.Published ?? false, null, null, null, 0, 0, now, now);
            if (!await s.Pages.InsertAsync(page))
            {
                throw AliasTaken(alias);
            }

            return page;
        }, ct);
    }

    public async Task<LandingPage> GetAsync(Guid workspaceId, Guid? id, CancellationToken ct) =>
        (id is { } pageId ? await store.ReadAsync(s => s.Pages.GetAsync(workspaceId, pageId), ct) : null)
        ?? throw RunnelException.NotFound(ErrorCodes.PageNotFound);

    public Task<Page<LandingPage>> ListAsync(Guid workspaceId, string? search, PageRequest page, CancellationToken ct)
    {
        if (search is { Length: > MaxSearchLength })
        {
            throw RunnelException.Invalid("search", $"must be at most {MaxSearchLength} characters");
        }

        var query = new PageListQuery(string.IsNullOrWhiteSpace(search) ? null : search.Trim());
        return store.ReadAsync(s => s.Pages.ListAsync(workspaceId, query, page), ct);
    }

    /// <summary>
    /// Changes the members sent. While an active flow's trigger is scoped to the page, unpublishing it or changing
    /// its form would silently stop that trigger: <c>409 page_in_use</c>.
    /// </summary>
    public Task<LandingPage> UpdateAsync(Guid workspaceId, Guid? id, UpdatePageRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var name = request.Name.IsSet ? errors.RequireName(request.Name.Value, "name", MaxNameLength) : null;
        var alias = request.Alias.IsSet ? CheckAlias(request.Alias.Value, errors) : null;
        if (request.Html.IsSet && request.Html.Value is not null && request.TemplateId.IsSet
            && request.TemplateId.Value is not null)
        {
            errors.Add("html", "give html or template_id, not both");
        }

        if (request.Html.IsSet && request.Html.Value is null)
        {
            errors.Add("html", "cannot be null; send new html or a template_id");
        }

        if (request.Published.IsSet && request.Published.Value is null)
        {
            errors.Add("published", "must be true or false");
        }

        CheckHtml(request.Html.IsSet ? request.Html.Value : null, "html", errors);
        var templateId = request.TemplateId.IsSet
            ? ParseId(request.TemplateId.Value, "template_id", "a template id", errors)
            : null;
        var formId = request.FormId.IsSet ? ParseId(request.FormId.Value, "form_id", "a form id", errors) : null;
        errors.ThrowIfAny();
        var now = time.GetUtcNow();
        return store.WriteAsync(async s =>
        {
            var page = (id is { } pageId ? await s.Pages.GetAsync(workspaceId, pageId) : null)
                       ?? throw RunnelException.NotFound(ErrorCodes.PageNotFound);
            var html = page.Html;
            var template = page.TemplateId;
            if (request.TemplateId.IsSet)
            {
                template = templateId;
                if (templateId is { } chosen)
                {
                    html = await TemplateHtmlAsync(s, workspaceId, chosen);
                }
            }

            if (request.Html.IsSet)
            {
                html = request.Html.Value!;
                template = request.TemplateId.IsSet ? template : null;
            }

            if (request.FormId.IsSet)
            {
                await RequireFormAsync(s, workspaceId, formId);
            }

            var updated = page with
            {
                Name = name ?? page.Name,
                Alias = alias ?? page.Alias,
                Html = html,
                TemplateId = template,
                FormId = request.FormId.IsSet ? formId : page.FormId,
                Published = request.Published.IsSet ? request.Published.Value!.Value : page.Published,
                UpdatedAt = now,
            };
            var breaksTrigger = (page.Published && !updated.Published) || updated.FormId != page.FormId
                                || updated.Alias != page.Alias;
            if (breaksTrigger && await s.Flows.ActiveFlowUsesPageAsync(workspaceId, page.Id))
            {
                throw InUse(page);
            }

            if (!await s.Pages.UpdateAsync(updated))
            {
                throw AliasTaken(updated.Alias);
            }

            return updated;
        }, ct);
    }

    public async Task DeleteAsync(Guid workspaceId, Guid? id, CancellationToken ct)
    {
        var deleted = id is { } pageId && await store.WriteAsync(async s =>
        {
            // Checked in the deleting write, so no activation can slip in between the check and the delete.
            if (await s.Pages.GetAsync(workspaceId, pageId) is { } page
                && await s.Flows.ActiveFlowUsesPageAsync(workspaceId, pageId))
            {
                throw InUse(page);
            }

            return await s.Pages.DeleteAsync(workspaceId, pageId);
        }, ct);
        if (!deleted)
        {
            throw RunnelException.NotFound(ErrorCodes.PageNotFound);
        }
    }

    /// <summary>
    /// A view of <c>/p/{alias}</c>: the live page with its form, counted, and on a member's page a
    /// <c>page_viewed</c> entry on the member's timeline — or null when no live page has the alias.
    /// </summary>
    public async Task<PageView?> ViewAsync(string alias, CancellationToken ct)
    {
        if (!PageAliases.IsValid(alias))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var view = await store.WriteAsync(async s =>
        {
            if (await s.Pages.FindByAliasAsync(alias) is not { } page || !page.IsLive(now))
            {
                return null;
            }

            await s.Pages.CountViewAsync(page.Id);
            if (page.MemberId is { } memberId && await s.Members.FindAsync(page.WorkspaceId, memberId) is not null)
            {
                await s.Members.AppendTimelineAsync(memberId, [new TimelineEntry(now, TimelineTypes.PageViewed, null,
                    new JsonObject { ["page_id"] = Ids.Format(page.Id), ["alias"] = page.Alias })]);
            }

            var form = page.FormId is { } formId ? await s.Forms.GetAsync(page.WorkspaceId, formId) : null;
            return new PageView(page with { Views = page.Views + 1 }, form, "");
        }, ct);
        return view is null ? null : view with { Html = Render(view.Page) };
    }

    /// <summary>The live page a form submission came from, for showing it again with the form's errors.</summary>
    public async Task<PageView?> FindLiveAsync(Guid pageId, Guid formId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var view = await store.ReadAsync(async s =>
        {
            var form = await s.Forms.FindAsync(formId);
            return form is not null && await s.Pages.GetAsync(form.WorkspaceId, pageId) is { } page && page.IsLive(now)
                   && page.FormId == formId
                ? new PageView(page, form, "")
                : null;
        }, ct);
        return view is null ? null : view with { Html = Render(view.Page) };
    }

    /// <summary>
    /// The page's HTML with <see cref="PageHtml.FormSlot"/> where <c>{{form}}</c> was: a member's page was rendered
    /// when its step ran; a shared page's Liquid renders now, with no contact (its merge tokens render empty).
    /// </summary>
    private string Render(LandingPage page) => page.MemberId is not null
        ? page.Html
        : renderer.RenderHtml(PageHtml.MarkFormSlot(page.Html), TemplateModel.Empty);

    /// <summary>
    /// In a form submission's write: a <c>page_id</c> must name a page of the form's workspace that shows that
    /// form. Counts the submission and, on a member's page, writes <c>form_submitted</c> to the member's timeline.
    /// </summary>
    public static async Task RecordSubmissionAsync(IStoreSession s, Form form, Guid pageId, Guid submissionId,
        Guid contactId, DateTimeOffset now)
    {
        if (await s.Pages.GetAsync(form.WorkspaceId, pageId) is not { } page || page.FormId != form.Id)
        {
            throw RunnelException.Invalid("page_id", "names no page that shows this form");
        }

        await s.Pages.CountSubmissionAsync(page.Id);
        if (page.MemberId is { } memberId && await s.Members.FindAsync(page.WorkspaceId, memberId) is not null)
        {
            await s.Members.AppendTimelineAsync(memberId, [new TimelineEntry(now, TimelineTypes.FormSubmitted, null,
                new JsonObject
                {
                    ["page_id"] = Ids.Format(page.Id),
                    ["form_id"] = Ids.Format(form.Id),
                    ["submission_id"] = Ids.Format(submissionId),
                    ["contact_id"] = Ids.Format(contactId),
                })]);
        }
    }

    private static string CheckAlias(string? alias, ValidationErrors errors)
    {
        if (alias is null)
        {
            errors.Add("alias", "is required");
            return "";
        }

        if (!PageAliases.IsValid(alias))
        {
            errors.Add("alias", PageAliases.Rule);
        }

        return alias;
    }

    private void CheckHtml(string? html, string path, ValidationErrors errors)
    {
        if (html is null)
        {
            return;
        }

        if (html.Length > PageHtml.MaxLength)
        {
            errors.Add(path, $"must be at most {PageHtml.MaxLength} characters (256 KiB)");
            return;
        }

        var problems = renderer.Check(html, path);
        if (problems.Count > 0)
        {
            errors.AddRange(problems);
            return;
        }

        // A page that parses can still exceed the render limits (a loop's output): refused now, not on every view.
        try
        {
            renderer.RenderHtml(PageHtml.MarkFormSlot(html), TemplateModel.Empty);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            errors.Add(path, $"cannot be rendered: {error.Message}");
        }
    }

    private static Guid? ParseId(string? value, string path, string what, ValidationErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (!Ids.TryParse(value, out var id))
        {
            errors.Add(path, $"must be {what} (UUID)");
            return null;
        }

        return id;
    }

    private async Task<string> TemplateHtmlAsync(IStoreSession s, Guid workspaceId, Guid templateId)
    {
        var template = await s.Templates.GetAsync(workspaceId, templateId)
                       ?? throw RunnelException.Invalid("template_id", "names no template of this workspace");
        var errors = new ValidationErrors();
        CheckHtml(template.Html, "template_id", errors);
        errors.ThrowIfAny();
        return template.Html;
    }

    private static async Task RequireFormAsync(IStoreSession s, Guid workspaceId, Guid? formId)
    {
        if (formId is { } id && await s.Forms.GetAsync(workspaceId, id) is null)
        {
            throw RunnelException.Invalid("form_id", "names no form of this workspace");
        }
    }

    private static RunnelException AliasTaken(string alias) =>
        new(ErrorCodes.PageAliasTaken, $"Another page already has the alias '{alias}'.");

    private static RunnelException InUse(LandingPage page) =>
        new(ErrorCodes.PageInUse,
            $"An active flow's form_submitted trigger is scoped to page '{page.Alias}'; pause that flow or change its trigger first.");
}
