namespace Runnel.Core.Storage;

/// <summary>Named leases: work that exactly one node may do at a time (a date-trigger run, say).</summary>
public interface ILeaseRepository
{
    /// <summary>
    /// Takes or renews the lease <paramref name="name"/> for <paramref name="owner"/> until <paramref name="until"/>
    /// when it is free, expired at <paramref name="now"/>, or already held by the owner; false when another owner
    /// holds it.
    /// </summary>
    Task<bool> TryAcquireAsync(string name, string owner, DateTimeOffset now, DateTimeOffset until);

    /// <summary>Gives the lease up if <paramref name="owner"/> still holds it.</summary>
    Task ReleaseAsync(string name, string owner);

    /// <summary>Who holds the lease <paramref name="name"/> and until when (possibly past), or null when nobody does.</summary>
    Task<(string Owner, DateTimeOffset ExpiresAt)?> GetAsync(string name);
}
