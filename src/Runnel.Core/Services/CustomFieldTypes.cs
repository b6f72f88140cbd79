using Runnel.Core.Contacts;
using Runnel.Core.Storage;

namespace Runnel.Core.Services;

/// <summary>The workspace's active custom fields by api_name, with their wire type names — what flows may write.</summary>
public static class CustomFieldTypes
{
    public static async Task<IReadOnlyDictionary<string, string>> ActiveAsync(IStoreSession session,
        Guid workspaceId) =>
        (await session.CustomFields.GetAllAsync(workspaceId)).Values
            .Where(f => f.Status == CustomFieldStatus.Active)
            .ToDictionary(f => f.ApiName, f => f.Type.ToString().ToLowerInvariant(), StringComparer.Ordinal);
}
