using System.Text.RegularExpressions;
using Runnel.Core.Contacts;
using Runnel.Core.Errors;
using Runnel.Core.Storage;

namespace Runnel.Core.Services;

/// <summary>Custom contact field definitions (API.md §3).</summary>
public sealed partial class CustomFieldService(IRunnelStore store, TimeProvider time)
{
    public const int MaxLabelLength = 200;

    private static readonly Dictionary<string, CustomFieldType> TypeNames = new(StringComparer.Ordinal)
    {
        ["text"] = CustomFieldType.Text,
        ["number"] = CustomFieldType.Number,
        ["boolean"] = CustomFieldType.Boolean,
        ["date"] = CustomFieldType.Date,
        ["datetime"] = CustomFieldType.Datetime,
    };

    private static readonly Dictionary<string, CustomFieldStatus> StatusNames = new(StringComparer.Ordinal)
    {
        ["active"] = CustomFieldStatus.Active,
        ["archived"] = CustomFieldStatus.Archived,
    };

    public static bool IsValidApiName(string? name) => name is not null && ApiNamePattern().IsMatch(name);

    public Task<CustomField> CreateAsync(Guid workspaceId, CreateCustomFieldRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (request.ApiName is null)
        {
            errors.Add("api_name", "is required");
        }
        else if (!IsValidApiName(request.ApiName))
        {
            errors.Add("api_name", "must match ^[a-z][a-z0-9_]{0,62}$");
        }
        else if (StandardContactFields.IsStandard(request.ApiName))
        {
            errors.Add("api_name", $"\"{request.ApiName}\" is a standard contact field");
        }

        CheckLabel(request.Label, errors);
        var type = CustomFieldType.Text;
        if (request.Type is null)
        {
            errors.Add("type", "is required");
        }
        else if (!TypeNames.TryGetValue(request.Type, out type))
        {
            errors.Add("type", "must be \"text\", \"number\", \"boolean\", \"date\" or \"datetime\"");
        }

        errors.ThrowIfAny();
        var now = time.GetUtcNow();
        var field = new CustomField(workspaceId, request.ApiName!, request.Label!, type, CustomFieldStatus.Active, now,
            now);
        return store.WriteAsync(async s =>
        {
            if (await s.CustomFields.GetAsync(workspaceId, field.ApiName) is not null)
            {
                throw new RunnelException(ErrorCodes.CustomFieldExists,
                    $"A custom field named \"{field.ApiName}\" already exists.");
            }

            await s.CustomFields.InsertAsync(field);
            return field;
        }, ct);
    }

    public Task<Page<CustomField>> ListAsync(Guid workspaceId, PageRequest page, CancellationToken ct) =>
        store.ReadAsync(s => s.CustomFields.ListAsync(workspaceId, page), ct);

    public Task<CustomField> UpdateAsync(Guid workspaceId, string apiName, UpdateCustomFieldRequest request,
        CancellationToken ct)
    {
        if (!IsValidApiName(apiName))
        {
            throw RunnelException.NotFound(ErrorCodes.CustomFieldNotFound);
        }

        var errors = new ValidationErrors();
        if (request.Label.IsSet)
        {
            CheckLabel(request.Label.Value, errors);
        }

        var status = CustomFieldStatus.Active;
        if (request.Status.IsSet
            && (request.Status.Value is null || !StatusNames.TryGetValue(request.Status.Value, out status)))
        {
            errors.Add("status", "must be \"active\" or \"archived\"");
        }

        errors.ThrowIfAny();
        var now = time.GetUtcNow();
        return store.WriteAsync(async s =>
        {
            var current = await s.CustomFields.GetAsync(workspaceId, apiName)
                ?? throw RunnelException.NotFound(ErrorCodes.CustomFieldNotFound);
            var updated = current with
            {
                Label = request.Label.IsSet ? request.Label.Value! : current.Label,
                Status = request.Status.IsSet ? status : current.Status,
            };
            if (updated == current)
            {
                return current;
            }

            updated = updated with { UpdatedAt = now };
            await s.CustomFields.UpdateAsync(updated);
            return updated;
        }, ct);
    }

    private static void CheckLabel(string? label, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            errors.Add("label", "is required");
        }
        else if (label.Length > MaxLabelLength)
        {
            errors.Add("label", $"must be at most {MaxLabelLength} characters");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiNamePattern();
}
