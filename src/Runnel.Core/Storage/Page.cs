namespace Runnel.Core.Storage;

/// <summary>One page of results and the total across all pages.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long Total)
{
    public Page<TOut> Map<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToArray(), Total);
}
