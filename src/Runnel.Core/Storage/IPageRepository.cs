using Runnel.Core.Pages;

namespace Runnel.Core.Storage;

public interface IPageRepository
{
    /// <summary>False when another page already has the alias (aliases are unique on the server).</summary>
    Task<bool> InsertAsync(LandingPage page);

    Task<LandingPage?> GetAsync(Guid workspaceId, Guid id);

    /// <summary>A page by alias alone, for <c>/p/{alias}</c> (which has no workspace key).</summary>
    Task<LandingPage?> FindByAliasAsync(string alias);

    Task<bool> AliasTakenAsync(string alias, Guid? exceptId = null);

    Task<Page<LandingPage>> ListAsync(Guid workspaceId, PageListQuery query, PageRequest page);

    /// <summary>Name, alias, html, template, form and published; false when the alias is taken by another page.</summary>
    Task<bool> UpdateAsync(LandingPage page);

    Task<bool> DeleteAsync(Guid workspaceId, Guid id);

    Task CountViewAsync(Guid id);

    Task CountSubmissionAsync(Guid id);

    /// <summary>The alias of the newest page of each member that has one, for <c>{{page_url}}</c>.</summary>
    Task<IReadOnlyDictionary<Guid, string>> LatestAliasesAsync(IReadOnlyCollection<Guid> memberIds);

    /// <summary>Removes every page made for the contact's memberships (erasure).</summary>
    Task<int> DeleteForContactAsync(Guid workspaceId, Guid contactId);
}
