namespace Runnel.Core.Flows;

/// <summary>
/// What activation checks need to know about the rest of one workspace. Implemented by storage inside the activating
/// write, so the answers hold for the transaction that activates.
/// </summary>
public interface IActivationCatalog
{
    /// <summary>The kind of the list, or null when the workspace has no such list.</summary>
    Task<ListKind?> FindListAsync(Guid listId);

    /// <summary>The custom field with this api_name, or null when there is none.</summary>
    Task<CustomFieldInfo?> FindCustomFieldAsync(string apiName);

    Task<bool> SecretExistsAsync(string name);

    Task<bool> FormExistsAsync(Guid formId);

    /// <summary>True when the workspace has the page and it shows the form.</summary>
    Task<bool> PageShowsFormAsync(Guid pageId, Guid formId);

    Task<bool> TemplateExistsAsync(Guid templateId);

    /// <summary>The email's approval state, or null when the workspace has no such email.</summary>
    Task<EmailState?> FindEmailAsync(Guid emailId);

    /// <summary>Whether the workspace has a <c>settings.sms_from</c> number to send SMS from.</summary>
    Task<bool> HasSmsSenderAsync();
}
