using System.Buffers.Binary;

namespace Runnel.Core;

/// <summary>
/// Server-generated IDs: UUID version 7, so they sort by creation time and index well. Within one process they are
/// also strictly increasing (RFC 9562 §6.2, monotonic random): two IDs made in the same millisecond — common under a
/// standing test clock or a burst of writes — still sort in the order they were made.
/// </summary>
public static class Ids
{
    private const ulong RandBMask = (1UL << 62) - 1;

    private static readonly Lock Gate = new();
    private static UInt128 _last;

    public static Guid New(TimeProvider time)
    {
        var candidate = ToNumber(Guid.CreateVersion7(time.GetUtcNow()));
        lock (Gate)
        {
            if (candidate <= _last)
            {
                // Same (or an earlier) millisecond: step the 62 random low bits of the last ID by one, keeping its
                // timestamp, version and variant.
                var high = (ulong)(_last >> 64);
                var low = (ulong)_last;
                var rand = (low & RandBMask) + 1;
                low = (low & ~RandBMask) | (rand & RandBMask);
                candidate = ((UInt128)high << 64) | low;
            }

            _last = candidate;
        }

        return FromNumber(candidate);
    }

    /// <summary>Path IDs that are not UUIDs cannot name anything; callers answer 404 for them.</summary>
    public static bool TryParse(string? text, out Guid id) => Guid.TryParseExact(text, "D", out id);

    public static string Format(Guid id) => id.ToString("D");

    private static UInt128 ToNumber(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    private static Guid FromNumber(UInt128 value)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new Guid(bytes, bigEndian: true);
    }
}
