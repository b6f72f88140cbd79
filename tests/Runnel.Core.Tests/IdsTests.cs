namespace Runnel.Core.Tests;

public sealed class IdsTests
{
    [Fact]
    public void Ids_made_in_one_millisecond_sort_in_the_order_they_were_made()
    {
        var frozen = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        var ids = Enumerable.Range(0, 1000).Select(_ => Ids.New(frozen)).ToList();
        Assert.Equal(ids.Select(i => i.ToString()).ToList(), ids.Select(i => i.ToString()).Order(StringComparer.Ordinal).ToList());
        Assert.All(ids, id => Assert.Equal(7, id.Version));
        Assert.All(ids, id => Assert.Equal('8', char.ToLowerInvariant(id.ToString()[19]) is '8' or '9' or 'a' or 'b' ? '8' : 'x'));
        Assert.Equal(1000, ids.Distinct().Count());
    }
}
