namespace Runnel.Core.Lists;

/// <summary>A list with its current member count, as the API returns it.</summary>
public sealed record ListDetails(ContactList List, long MemberCount);
