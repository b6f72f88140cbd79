using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Runnel.Core.Contacts;
using Runnel.Core.Errors;
using Runnel.Core.Forms;
using Runnel.Core.Json;
using Runnel.Core.Lists;
using Runnel.Core.Storage;

namespace Runnel.Core.Services;

/// <summary>
/// Forms (API.md §9): definitions, and public submissions that upsert the contact, record the submission, add it to
/// the form's list and write the form_submitted trigger event — one transaction. docs/triggers-and-forms.md has the
/// field mapping.
/// </summary>
public sealed partial class FormService(IRunnelStore store, TimeProvider time, ContactService contacts)
{
    public const int MaxNameLength = 200;
    public const int MaxFields = 50;
    public const int MaxFieldNameLength = 64;
    public const int MaxTextLength = 1000;
    public const int MaxUrlLength = 2048;

    public static readonly IReadOnlyList<string> FieldTypes = ["email", "text", "phone", "checkbox"];

    private static readonly HashSet<string> Truthy = new(StringComparer.OrdinalIgnoreCase) { "on", "true", "1", "yes" };
    private static readonly HashSet<string> Falsy = new(StringComparer.OrdinalIgnoreCase) { "", "off", "false", "0", "no" };

    public Task<Form> CreateAsync(Guid workspaceId, CreateFormRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var name = errors.RequireName(request.Name, "name", MaxNameLength);
        var fields = CheckFields(request.Fields, errors);
        var listId = CheckListId(request.ListId, errors);
        var redirect = CheckRedirect(request.RedirectUrl, errors);
        errors.ThrowIfAny();
        var now = time.GetUtcNow();
        return store.WriteAsync(async s =>
        {
            await RequireStaticListAsync(s, workspaceId, listId);
            var form = new Form(Ids.New(time), workspaceId, name, fields, listId, redirect, now, now);
            await s.Forms.InsertAsync(form);
            return form;
        }, ct);
    }

    public async Task<Form> GetAsync(Guid workspaceId, Guid? id, CancellationToken ct) =>
        (id is { } formId ? await store.ReadAsync(s => s.Forms.GetAsync(workspaceId, formId), ct) : null)
        ?? throw RunnelException.NotFound(ErrorCodes.FormNotFound);

    public Task<Page<Form>> ListAsync(Guid workspaceId, PageRequest page, CancellationToken ct) =>
        store.ReadAsync(s => s.Forms.ListAsync(workspaceId, page), ct);

    public Task<Form> UpdateAsync(Guid workspaceId, Guid? id, UpdateFormRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var name = request.Name.IsSet ? errors.RequireName(request.Name.Value, "name", MaxNameLength) : null;
        var fields = request.Fields.IsSet ? CheckFields(request.Fields.Value, errors) : null;
        var listId = request.ListId.IsSet ? CheckListId(request.ListId.Value, errors) : null;
        var redirect = request.RedirectUrl.IsSet ? CheckRedirect(request.RedirectUrl.Value, errors) : null;
        errors.ThrowIfAny();
        var now = time.GetUtcNow();
        return store.WriteAsync(async s =>
        {
            var form = (id is { } formId ? await s.Forms.GetAsync(workspaceId, formId) : null)
                       ?? throw RunnelException.NotFound(ErrorCodes.FormNotFound);
            if (request.ListId.IsSet)
            {
                await RequireStaticListAsync(s, workspaceId, listId);
            }

            var updated = form with
            {
                Name = name ?? form.Name,
                Fields = fields ?? form.Fields,
                ListId = request.ListId.IsSet ? listId : form.ListId,
                RedirectUrl = request.RedirectUrl.IsSet ? redirect : form.RedirectUrl,
                UpdatedAt = now,
            };
            await s.Forms.UpdateAsync(updated);
            return updated;
        }, ct);
    }

    public async Task DeleteAsync(Guid workspaceId, Guid? id, CancellationToken ct)
    {
        var deleted = id is { } formId && await store.WriteAsync(s => s.Forms.DeleteAsync(workspaceId, formId), ct);
        if (!deleted)
        {
            throw RunnelException.NotFound(ErrorCodes.FormNotFound);
        }
    }

    /// <summary>The form a public submission names, or form_not_found.</summary>
    public async Task<Form> FindAsync(Guid? id, CancellationToken ct) =>
        (id is { } formId ? await store.ReadAsync(s => s.Forms.FindAsync(formId), ct) : null)
        ?? throw RunnelException.NotFound(ErrorCodes.FormNotFound);

    /// <summary>
    /// Validates a submission against the form's fields (validation_failed with every problem), then in one write:
    /// upserts the contact by email or phone, records the submission, adds the contact to the form's static list
    /// (when it still exists) and writes form_submitted.
    /// </summary>
    public async Task<FormSubmitResult> SubmitAsync(Guid? formId, FormSubmissionInput input, CancellationToken ct)
    {
        var form = await FindAsync(formId, ct);
        var errors = new ValidationErrors();
        Guid? pageId = null;
        if (input.PageId is { Length: > 0 } rawPage)
        {
            if (Ids.TryParse(rawPage, out var parsed))
            {
                pageId = parsed;
            }
            else
            {
                errors.Add("page_id", "must be a page id (UUID)");
            }
        }

        var data = new JsonObject();
        foreach (var field in form.Fields)
        {
            if (Read(field, input.Values.GetValueOrDefault(field.Name), errors) is { } value)
            {
                data[field.Name] = value;
            }
        }

        errors.ThrowIfAny();
        var upsert = ToUpsert(form, data);
        var now = time.GetUtcNow();
        return await store.WriteAsync(async s =>
        {
            var fieldTypes = await s.CustomFields.GetAllAsync(form.WorkspaceId);
            var custom = new JsonObject();
            foreach (var (name, value) in data)
            {
                // A value fills the custom field of its name only when the types agree (text → text,
                // checkbox → boolean); otherwise it stays in the submission record alone.
                var kind = form.Fields.First(f => f.Name == name).Type;
                if (!StandardNames.Contains(name) && fieldTypes.TryGetValue(name, out var definition)
                    && definition.Status == CustomFieldStatus.Active
                    && (kind, definition.Type) is ("text", CustomFieldType.Text) or ("checkbox", CustomFieldType.Boolean))
                {
                    custom[name] = value?.DeepClone();
                }
            }

            var result = await contacts.UpsertInSessionAsync(s, form.WorkspaceId,
                upsert with { Fields = custom.Count > 0 ? new Optional<JsonObject?>(custom) : default }, now);
            var submission = new FormSubmission(Ids.New(time), form.WorkspaceId, form.Id, result.Contact.Id, pageId,
                data, now);
            await s.Forms.InsertSubmissionAsync(submission);
            if (pageId is { } page)
            {
                await PageService.RecordSubmissionAsync(s, form, page, submission.Id, result.Contact.Id, now);
            }

            if (form.ListId is { } listId && await s.Lists.GetAsync(form.WorkspaceId,
                listId) is { Type: ListType.Static })
            {
                await StaticListMembership.AddAsync(s, form.WorkspaceId, listId, [result.Contact.Id], now);
            }

            await TriggerEventLog.FormSubmittedAsync(s, form.WorkspaceId, form.Id, result.Contact.Id, pageId, now);
            return new FormSubmitResult(form, submission.Id, result.Contact.Id, result.Created);
        }, ct);
    }

    /// <summary>Form field names that set a standard contact field rather than a custom one.</summary>
    private static readonly HashSet<string> StandardNames = new(StringComparer.Ordinal) { "first_name", "last_name" };

    private static ContactUpsert ToUpsert(Form form, JsonObject data)
    {
        string? Of(string type) => form.Fields.Where(f => f.Type == type)
            .Select(f => data[f.Name]?.GetValue<string>()).FirstOrDefault(v => v is not null);
        string? Text(string name) => form.Fields.Any(f => f.Name == name && f.Type == "text")
            ? data[name]?.GetValue<string>()
            : null;

        var email = Of("email");
        var phone = Of("phone");
        var first = Text("first_name");
        var last = Text("last_name");
        return new ContactUpsert
        {
            Email = email is null ? default : new Optional<string?>(email),
            Phone = phone is null ? default : new Optional<string?>(phone),
            FirstName = first is null ? default : new Optional<string?>(first),
            LastName = last is null ? default : new Optional<string?>(last),
        };
    }

    /// <summary>One submitted value, checked and normalised for its field type; null when absent.</summary>
    private static JsonNode? Read(FormField field, JsonNode? raw, ValidationErrors errors)
    {
        var text = raw is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>().Trim()
            : raw is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? null
            : raw is null ? null : raw.ToJsonString();
        if (field.Type == "checkbox")
        {
            if (raw is JsonValue flag && flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            {
                return RequireChecked(field, flag.GetValue<bool>(), errors);
            }

            if (text is null || Truthy.Contains(text) || Falsy.Contains(text))
            {
                return RequireChecked(field, text is not null && Truthy.Contains(text), errors);
            }

            errors.Add(field.Name, "must be checked or unchecked");
            return null;
        }

        if (string.IsNullOrEmpty(text))
        {
            if (field.Required)
            {
                errors.Add(field.Name, "is required");
            }

            return null;
        }

        switch (field.Type)
        {
            case "email" when !EmailAddress.IsValid(text):
                errors.Add(field.Name, "must be an email address");
                return null;
            case "email":
                return EmailAddress.Normalize(text);
            case "phone" when !PhoneNumber.TryNormalize(text, out _):
                errors.Add(field.Name, "must be a phone number in international format (+14155550123)");
                return null;
            case "phone":
                PhoneNumber.TryNormalize(text, out var e164);
                return e164;
            default:
                if (text.Length > MaxTextLength)
                {
                    errors.Add(field.Name, $"must be at most {MaxTextLength} characters");
                    return null;
                }

                return text;
        }
    }

    private static JsonNode RequireChecked(FormField field, bool value, ValidationErrors errors)
    {
        if (field.Required && !value)
        {
            errors.Add(field.Name, "must be checked");
        }

        return value;
    }

    private static List<FormField> CheckFields(List<FormFieldRequest?>? fields, ValidationErrors errors)
    {
        var result = new List<FormField>();
        if (fields is null)
        {
            errors.Add("fields", "is required");
            return result;
        }

        if (fields.Count is 0 or > MaxFields)
        {
            errors.Add("fields", $"must hold 1 to {MaxFields} fields");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var path = ValidationErrors.Index("fields", i);
            if (fields[i] is not { } field)
            {
                errors.Add(path, "must be an object");
                continue;
            }

            if (field.Name is not { } name || !FieldName().IsMatch(name))
            {
                errors.Add(ValidationErrors.Join(path, "name"),
                    $"must match ^[a-z][a-z0-9_]*$ and be at most {MaxFieldNameLength} characters");
            }
            else if (!names.Add(name) || name == "page_id")
            {
                errors.Add(ValidationErrors.Join(path, "name"), name == "page_id"
                    ? "page_id is reserved for the page a submission comes from"
                    : "is used by another field of this form");
            }

            if (field.Type is null || !FieldTypes.Contains(field.Type))
            {
                errors.Add(ValidationErrors.Join(path, "type"), "must be one of: email, text, phone, checkbox");
            }

            result.Add(new FormField(field.Name ?? "", field.Type ?? "", field.Required ?? false));
        }

        if (fields.Count > 0 && !result.Any(f => f.Type is "email" or "phone"))
        {
            errors.Add("fields", "must include an email or phone field: submissions upsert the contact by them");
        }

        return result;
    }

    private static Guid? CheckListId(string? value, ValidationErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (!Ids.TryParse(value, out var id))
        {
            errors.Add("list_id", "must be a list id (UUID)");
            return null;
        }

        return id;
    }

    private static async Task RequireStaticListAsync(IStoreSession s, Guid workspaceId, Guid? listId)
    {
        if (listId is not { } id)
        {
            return;
        }

        switch (await s.Lists.GetAsync(workspaceId, id))
        {
            case null:
                throw RunnelException.Invalid("list_id", "names no list of this workspace");
            case { Type: not ListType.Static }:
                throw RunnelException.Invalid("list_id", "must be a static list");
        }
    }

    private static string? CheckRedirect(string? value, ValidationErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > MaxUrlLength || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https"))
        {
            errors.Add("redirect_url", $"must be an absolute http(s) URL of at most {MaxUrlLength} characters");
        }

        return value;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex FieldName();
}
