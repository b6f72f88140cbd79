namespace Runnel.Core.Storage;

/// <summary>A claim that took a member over from <paramref name="PreviousOwner"/>, whose lease had expired.</summary>
public sealed record LeaseTakeover(Guid MemberId, string PreviousOwner);
