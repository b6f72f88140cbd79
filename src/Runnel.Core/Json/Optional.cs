namespace Runnel.Core.Json;

/// <summary>
/// A PATCH member: absent (leave as is), or present with a value that may be null (clear). Only the JSON converter
/// sets <see cref="IsSet"/>, because it is only called for members that appear in the body.
/// </summary>
public readonly record struct Optional<T>
{
    public Optional(T value)
    {
        IsSet = true;
        Value = value;
    }

    public bool IsSet { get; }

    public T Value { get; }

    public T GetValueOr(T fallback) => IsSet ? Value : fallback;
}
