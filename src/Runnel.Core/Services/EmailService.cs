using System.Diagnostics.CodeAnalysis;
using Runnel.Core.Contacts;
using Runnel.Core.Emails;
using Runnel.Core.Errors;
using Runnel.Core.Storage;
using Runnel.Core.Templates;
using Runnel.Core.Workspaces;

namespace Runnel.Core.Services;

/// <summary>Emails: drafts, approval into revisions that sends use, and previews (API.md §7).</summary>
public sealed class EmailService(IRunnelStore store, TimeProvider time, TemplateRenderer renderer)
{
    /// <summary>
    /// A plain, responsive starting body for an inline email created from a blank (a flow step's
    /// <c>{"source": "blank"}</c>): a greeting, a place for the message, and the unsubscribe link.
    /// </summary>
    public const string BlankHtml = """
        <!DOCTYPE html>
        <html>
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        </head>
        <body style="margin:0;padding:0;background:#f4f4f5;font-family:Arial,Helvetica,sans-serif;color:#18181b">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0">
        <tr><td align="center" style="padding:24px">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0"
               style="max-width:600px;background:#ffffff;border-radius:8px">
        <tr><td style="padding:32px;font-size:16px;line-height:1.5">
        <p>Hi {{ contact.first_name | default: "there" }},</p>
        <p></p>
        </td></tr>
        <tr><td style="padding:16px 32px;font-size:12px;color:#71717a">
        <a href="{{ unsubscribe_url }}" style="color:#71717a">Unsubscribe</a>
        </td></tr>
        </table>
        </td></tr>
        </table>
        </body>
        </html>
        """;

    public Task<Email> CreateAsync(Guid workspaceId, CreateEmailRequest request, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return store.WriteAsync(s => CreateDraftInSessionAsync(s, workspaceId, request, now), ct);
    }

    /// <summary>
    /// Creates a draft email inside the caller's write transaction (flows make inline emails for their steps this
    /// way), validating like <c>POST /v1/emails</c> and resolving <c>template_id</c> in the same session. Throws
    /// <see cref="RunnelException"/> (<c>validation_failed</c>, <c>template_not_found</c>) on bad input.
    /// </summary>
    [SuppressMessage("Performance", "CA1822", Justification = "Service API; flows call it on the instance.")]
    public async Task<Email> CreateDraftInSessionAsync(IStoreSession session, Guid workspaceId,
        CreateEmailRequest request, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var name = errors.RequireName(request.Name, "name", EmailInput.MaxNameLength);
        var subject = EmailInput.Subject(request.Subject, errors);
        EmailInput.Line(request.Preheader, "preheader", EmailInput.MaxPreheaderLength, errors);
        EmailInput.Line(request.FromName, "from_name", EmailInput.MaxFromNameLength, errors);
        var fromEmail = EmailInput.Address(request.FromEmail, "from_email", errors);
        var replyTo = EmailInput.Address(request.ReplyTo, "reply_to", errors);
        EmailInput.Body(request.Html, "html", errors);
        EmailInput.Body(request.Text, "text", errors);
        if (request.TemplateId is not null && (request.Html is not null || request.Text is not null))
        {
            errors.Add("template_id", "give either template_id or html/text, not both");
        }

        errors.ThrowIfAny();
        var (html, text) = (request.Html, request.Text);
        if (request.TemplateId is not null)
        {
            var template = (Ids.TryParse(request.TemplateId, out var templateId)
                               ? await session.Templates.GetAsync(workspaceId, templateId)
                               : null)
                           ?? throw RunnelException.NotFound(ErrorCodes.TemplateNotFound);
            (html, text) = (template.Html, template.Text);
        }

        var email = new Email(Guid.CreateVersion7(now), workspaceId, name, subject, request.Preheader,
            request.FromName, fromEmail, replyTo, html, text, EmailStatus.Draft, null, now, now);
        await session.Emails.InsertAsync(email);
        return email;
    }

    public async Task<Email> GetAsync(Guid workspaceId, Guid id, CancellationToken ct) =>
        await store.ReadAsync(s => s.Emails.GetAsync(workspaceId, id), ct)
        ?? throw RunnelException.NotFound(ErrorCodes.EmailNotFound);

    public Task<Page<Email>> ListAsync(Guid workspaceId, PageRequest page, CancellationToken ct) =>
        store.ReadAsync(s => s.Emails.ListAsync(workspaceId, page), ct);

    /// <summary>
    /// Applies a partial update. A change to anything a recipient sees makes an approved email a draft again; the
    /// approved revision stays in use until the draft is approved.
    /// </summary>
    public Task<Email> UpdateAsync(Guid workspaceId, Guid id, UpdateEmailRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (EmailInput.NotNull(request.Name, "name", errors))
        {
            errors.RequireName(request.Name.Value, "name", EmailInput.MaxNameLength);
        }

        if (EmailInput.NotNull(request.Subject, "subject", errors))
        {
            EmailInput.Subject(request.Subject.Value, errors);
        }

        EmailInput.Line(request.Preheader.Value, "preheader", EmailInput.MaxPreheaderLength, errors);
        EmailInput.Line(request.FromName.Value, "from_name", EmailInput.MaxFromNameLength, errors);
        var fromEmail = EmailInput.Address(request.FromEmail.Value, "from_email", errors);
        var replyTo = EmailInput.Address(request.ReplyTo.Value, "reply_to", errors);
        EmailInput.Body(request.Html.Value, "html", errors);
        EmailInput.Body(request.Text.Value, "text", errors);
        errors.ThrowIfAny();

        var now = time.GetUtcNow();
        return store.WriteAsync(async s =>
        {
            var current = await s.Emails.GetAsync(workspaceId, id)
                ?? throw RunnelException.NotFound(ErrorCodes.EmailNotFound);
            var edited = current with
            {
                Name = request.Name.IsSet ? request.Name.Value!.Trim() : current.Name,
                Subject = request.Subject.GetValueOr(current.Subject)!,
                Preheader = request.Preheader.GetValueOr(current.Preheader),
                FromName = request.FromName.GetValueOr(current.FromName),
                FromEmail = request.FromEmail.IsSet ? fromEmail : current.FromEmail,
                ReplyTo = request.ReplyTo.IsSet ? replyTo : current.ReplyTo,
                Html = request.Html.GetValueOr(current.Html),
                Text = request.Text.GetValueOr(current.Text),
            };
            if (edited == current)
            {
                return current;
            }

            edited = edited with
            {
                Status = edited.ContentDiffers(current) ? EmailStatus.Draft : current.Status,
                UpdatedAt = now,
            };
            await s.Emails.UpdateAsync(edited);
            return edited;
        }, ct);
    }

    /// <summary>
    /// Checks the email is ready to send — every Liquid part parses, there is a subject, a body (html or text) and a
    /// sender (the email's <c>from_email</c> or the workspace's <c>default_from_email</c>) — reporting every problem
    /// at once (<c>email_not_ready</c>); then freezes the content as a new approved revision.
    /// </summary>
    public async Task<Email> ApproveAsync(Guid workspaceId, Guid id, CancellationToken ct)
    {
        // Parsing a large template takes a while; doing it here, outside the write, fills the renderer's cache so
        // the check inside the transaction does not hold up the single writer.
        _ = LiquidProblems(await GetAsync(workspaceId, id, ct));

        var now = time.GetUtcNow();
        return await store.WriteAsync(async s =>
        {
            var email = await s.Emails.GetAsync(workspaceId, id)
                ?? throw RunnelException.NotFound(ErrorCodes.EmailNotFound);
            var workspace = await s.Workspaces.GetAsync(workspaceId);
            var missing = Problems(email, workspace);
            if (missing.Count > 0)
            {
                throw RunnelException.NotReady(ErrorCodes.EmailNotReady, missing);
            }

            if (email.Status == EmailStatus.Approved)
            {
                return email;
            }

            var revision = ((await s.Emails.GetApprovedAsync(workspaceId, id))?.Revision ?? 0) + 1;
            await s.Emails.AddApprovedRevisionAsync(new ApprovedEmail(email.Id, workspaceId, revision, email.Subject,
                email.Preheader, email.FromName ?? workspace?.DefaultFromName,
                (email.FromEmail ?? workspace?.DefaultFromEmail)!, email.ReplyTo, email.Html, email.Text, now));
            var approved = email with { Status = EmailStatus.Approved, ApprovedAt = now, UpdatedAt = now };
            await s.Emails.UpdateAsync(approved);
            return approved;
        }, ct);
    }

    /// <summary>
    /// Renders the current draft (approved or not) for a contact and context, as a send would. The unsubscribe and
    /// page links render empty: a preview has none.
    /// </summary>
    public async Task<RenderedEmail> PreviewAsync(Guid workspaceId, Guid id, PreviewEmailRequest request,
        CancellationToken ct)
    {
        var (email, contact) = await store.ReadAsync(async s =>
        {
            var email = await s.Emails.GetAsync(workspaceId, id)
                ?? throw RunnelException.NotFound(ErrorCodes.EmailNotFound);
            Contact? contact = null;
            if (request.ContactId is not null)
            {
                contact = (Ids.TryParse(request.ContactId, out var contactId)
                              ? await s.Contacts.GetAsync(workspaceId, contactId)
                              : null)
                          ?? throw RunnelException.NotFound(ErrorCodes.ContactNotFound);
            }

            return (email, contact);
        }, ct);
        var model = new TemplateModel(contact, Context: request.Context, DynamicContext: request.DynamicContext);
        return renderer.RenderEmail(new EmailContent(email.Subject, email.Preheader, email.Html, email.Text), model);
    }

    private List<FieldError> Problems(Email email, Workspace? workspace)
    {
        var problems = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(email.Subject))
        {
            problems.Add(new FieldError("subject", "is required"));
        }

        if (string.IsNullOrWhiteSpace(email.Html) && string.IsNullOrWhiteSpace(email.Text))
        {
            problems.Add(new FieldError("html", "an email needs a body: html, text or both"));
        }

        if (email.FromEmail is null && workspace?.DefaultFromEmail is null)
        {
            problems.Add(new FieldError("from_email",
                "is required: set from_email on the email or default_from_email in the workspace settings"));
        }

        problems.AddRange(LiquidProblems(email));
        return problems;
    }

    private List<FieldError> LiquidProblems(Email email)
    {
        var problems = new List<FieldError>(renderer.Check(email.Subject, "subject"));
        var parts = new[] { (email.Preheader, "preheader"), (email.Html, "html"), (email.Text, "text") };
        foreach (var (part, path) in parts)
        {
            if (part is not null)
            {
                problems.AddRange(renderer.Check(part, path));
            }
        }

        return problems;
    }
}
