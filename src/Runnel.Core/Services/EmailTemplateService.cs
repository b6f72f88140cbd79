using Runnel.Core.Emails;
using Runnel.Core.Errors;
using Runnel.Core.Storage;
using Runnel.Core.Templates;

namespace Runnel.Core.Services;

/// <summary>Templates that emails are started from (API.md §7). Their Liquid is checked when they are saved.</summary>
public sealed class EmailTemplateService(IRunnelStore store, TimeProvider time, TemplateRenderer renderer)
{
    public Task<EmailTemplate> CreateAsync(Guid workspaceId, CreateTemplateRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var name = errors.RequireName(request.Name, "name", EmailInput.MaxNameLength);
        if (request.Html is null)
        {
            errors.Add("html", "is required");
        }

        CheckBodies(request.Html, request.Text, errors);
        errors.ThrowIfAny();
        var now = time.GetUtcNow();
        var template = new EmailTemplate(Ids.New(time), workspaceId, name, request.Html!, request.Text, now, now);
        return store.WriteAsync(async s =>
        {
            await s.Templates.InsertAsync(template);
            return template;
        }, ct);
    }

    public async Task<EmailTemplate> GetAsync(Guid workspaceId, Guid id, CancellationToken ct) =>
        await store.ReadAsync(s => s.Templates.GetAsync(workspaceId, id), ct)
        ?? throw RunnelException.NotFound(ErrorCodes.TemplateNotFound);

    public Task<Page<EmailTemplate>> ListAsync(Guid workspaceId, PageRequest page, CancellationToken ct) =>
        store.ReadAsync(s => s.Templates.ListAsync(workspaceId, page), ct);

    public Task<EmailTemplate> UpdateAsync(Guid workspaceId, Guid id, UpdateTemplateRequest request,
        CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (EmailInput.NotNull(request.Name, "name", errors))
        {
            errors.RequireName(request.Name.Value, "name", EmailInput.MaxNameLength);
        }

        EmailInput.NotNull(request.Html, "html", errors);
        CheckBodies(request.Html.Value, request.Text.Value, errors);
        errors.ThrowIfAny();
        var now = time.GetUtcNow();
        return store.WriteAsync(async s =>
        {
            var current = await s.Templates.GetAsync(workspaceId, id)
                          ?? throw RunnelException.NotFound(ErrorCodes.TemplateNotFound);
            var edited = current with
            {
                Name = request.Name.IsSet ? request.Name.Value!.Trim() : current.Name,
                Html = request.Html.GetValueOr(current.Html)!,
                Text = request.Text.GetValueOr(current.Text),
            };
            if (edited == current)
            {
                return current;
            }

            edited = edited with { UpdatedAt = now };
            await s.Templates.UpdateAsync(edited);
            return edited;
        }, ct);
    }

    /// <summary>Deletes the template; emails created from it keep their copies.</summary>
    public async Task DeleteAsync(Guid workspaceId, Guid id, CancellationToken ct)
    {
        if (!await store.WriteAsync(s => s.Templates.DeleteAsync(workspaceId, id), ct))
        {
            throw RunnelException.NotFound(ErrorCodes.TemplateNotFound);
        }
    }

    private void CheckBodies(string? html, string? text, ValidationErrors errors)
    {
        var before = errors.Count;
        EmailInput.Body(html, "html", errors);
        EmailInput.Body(text, "text", errors);
        if (errors.Count > before)
        {
            return;
        }

        if (html is not null)
        {
            errors.AddRange(renderer.Check(html, "html"));
        }

        if (text is not null)
        {
            errors.AddRange(renderer.Check(text, "text"));
        }
    }
}
