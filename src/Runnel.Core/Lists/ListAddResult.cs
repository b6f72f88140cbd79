namespace Runnel.Core.Lists;

/// <summary>
/// The answer to adding contacts to a static list: how many were new and how many were there already.
/// </summary>
public sealed record ListAddResult(int Added, int AlreadyPresent);
