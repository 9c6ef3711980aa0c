namespace Waymark.Domain.Runtime;

// Instant arithmetic that saturates at DateTime.MaxValue (keeping the Kind) instead of throwing:
// a draft may ask for an absurd delay, and a simulation must still answer.
internal static class Delays
{
    public static DateTime AddHours(DateTime start, double hours) => AddTicks(start, HoursToTicks(hours));

    public static DateTime AddTicks(DateTime start, long ticks) =>
        ticks >= DateTime.MaxValue.Ticks - start.Ticks
            ? new DateTime(DateTime.MaxValue.Ticks, start.Kind)
            : start.AddTicks(ticks);

    // Hours are >= 0 and finite (NodeConfig.DelayHours); the product may still overflow a long.
    private static long HoursToTicks(double hours)
    {
        var ticks = Math.Round(hours * TimeSpan.TicksPerHour);
        return ticks >= long.MaxValue ? long.MaxValue : (long)ticks;
    }
}
