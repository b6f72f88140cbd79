using Runnel.Core.Pages;

namespace Runnel.Core.Storage;

public interface IPageRepository
{
    /// <summary>False when another page already has the alias (aliases are unique on the server).</summary>
    bool Insert(LandingPage page);

    LandingPage? Get(Guid workspaceId, Guid id);

    /// <summary>A page by alias alone, for <c>/p/{alias}</c> (which has no workspace key).</summary>
    LandingPage? FindByAlias(string alias);

    bool AliasTaken(string alias, Guid? exceptId = null);

    Page<LandingPage> List(Guid workspaceId, PageListQuery query, PageRequest page);

    /// <summary>Name, alias, html, template, form and published; false when the alias is taken by another page.</summary>
    bool Update(LandingPage page);

    bool Delete(Guid workspaceId, Guid id);

    void CountView(Guid id);

    void CountSubmission(Guid id);

    /// <summary>The alias of the newest page of each member that has one, for <c>{{page_url}}</c>.</summary>
    IReadOnlyDictionary<Guid, string> LatestAliases(IReadOnlyCollection<Guid> memberIds);

    /// <summary>Removes every page made for the contact's memberships (erasure).</summary>
    int DeleteForContact(Guid workspaceId, Guid contactId);
}
