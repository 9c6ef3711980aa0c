namespace Waymark.Server.Tests.Runtime.Concurrency;

/// <summary>
/// The system clock, moved by less than 10 ms so that every reading ends in the millisecond digit
/// <see cref="Tag"/>. The server stores times to the millisecond, so the history a host writes says
/// which host wrote it, with nothing added to the server. Hosts tagged differently disagree by under
/// 10 ms, far inside any lease.
/// </summary>
internal sealed class TaggedClock : TimeProvider
{
    private const long TenMilliseconds = 10 * TimeSpan.TicksPerMillisecond;

    public TaggedClock(int tag)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tag);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tag, 9);
        Tag = tag;
    }

    public int Tag { get; }

    public override DateTimeOffset GetUtcNow()
    {
        var ticks = TimeProvider.System.GetUtcNow().UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TenMilliseconds) + (Tag * TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
