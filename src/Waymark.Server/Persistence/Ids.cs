using System.Buffers.Binary;
using System.Globalization;

namespace Waymark.Server.Persistence;

/// <summary>
/// Opaque, URL-safe ids: a short prefix and a version-7 GUID in hex. The GUID starts with its
/// creation time, so ids sort by age, which keeps "newest first, ties by id" in creation order.
/// Within one millisecond a v7 GUID is random, so this process also keeps its ids strictly
/// increasing: two journeys created in the same millisecond still list in the order they were made.
/// </summary>
public static class Ids
{
    private static readonly Lock Gate = new();
    private static UInt128 _last;

    public static string New(string prefix, TimeProvider clock)
    {
        Span<byte> bytes = stackalloc byte[16];
        Guid.CreateVersion7(clock.GetUtcNow()).TryWriteBytes(bytes, bigEndian: true, out _);
        var value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        lock (Gate)
        {
            if (value <= _last) value = _last + 1;
            _last = value;
        }
        return $"{prefix}_{value.ToString("x32", CultureInfo.InvariantCulture)}";
    }
}

public static class ClockExtensions
{
    /// <summary>Now in UTC, truncated to the millisecond the API shows, so what is stored is what is read back.</summary>
    public static DateTime UtcNow(this TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }
}
