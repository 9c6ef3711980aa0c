namespace Waymark.Server.Persistence;

/// <summary>
/// Opaque, URL-safe ids: a short prefix and a version-7 GUID in hex. The GUID starts with its
/// creation time, so ids sort by age, which keeps "newest first, ties by id" stable.
/// </summary>
public static class Ids
{
    public static string New(string prefix, TimeProvider clock) =>
        $"{prefix}_{Guid.CreateVersion7(clock.GetUtcNow()):N}";
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
