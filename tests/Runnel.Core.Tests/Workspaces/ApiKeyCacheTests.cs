using Microsoft.Extensions.Time.Testing;
using Runnel.Core.Services;
using Runnel.Core.Workspaces;

namespace Runnel.Core.Tests.Workspaces;

public sealed class ApiKeyCacheTests
{
    private static readonly ApiKey Key = new(Guid.CreateVersion7(), Guid.CreateVersion7(), "k", ApiKeyKind.Secret,
        ["CONTACTS_READ"], null, "hash", DateTimeOffset.UnixEpoch, null);

    [Fact]
    public void A_remembered_key_is_honoured_for_less_than_its_lifetime_only()
    {
        var clock = new FakeTimeProvider();
        var cache = new ApiKeyCache(clock);
        Assert.Null(cache.Find("hash"));

        cache.Remember("hash", Key);
        Assert.Same(Key, cache.Find("hash"));
        clock.Advance(ApiKeyCache.Lifetime - TimeSpan.FromMilliseconds(1));
        Assert.Same(Key, cache.Find("hash"));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(cache.Find("hash"));
        Assert.True(ApiKeyCache.Lifetime < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Clearing_forgets_every_key_at_once()
    {
        var cache = new ApiKeyCache(new FakeTimeProvider());
        cache.Remember("hash", Key);
        cache.Remember("other", Key with { KeyHash = "other" });

        cache.Clear();

        Assert.Null(cache.Find("hash"));
        Assert.Null(cache.Find("other"));
    }
}
