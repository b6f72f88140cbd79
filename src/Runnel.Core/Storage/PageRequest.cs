namespace Runnel.Core.Storage;

/// <summary>A page of a list call: <c>page</c> from 1, <c>limit</c> 1–100.</summary>
public readonly record struct PageRequest(int Page, int Limit)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public int Offset => (Page - 1) * Limit;

    public static PageRequest Default => new(1, DefaultLimit);
}
