using System.Globalization;

namespace Waymark.Server.Channels;

/// <summary>
/// Resolves the time zones of quiet hours. IANA ids (<c>Europe/Berlin</c>) come from the
/// operating system's time-zone database, which does not depend on ICU, so they resolve with
/// invariant globalization too. Where that database is missing (slim containers without
/// <c>tzdata</c>), <c>UTC</c> and fixed offsets (<c>+05:30</c>, <c>UTC-03:00</c>) still work.
/// </summary>
public static class TimeZones
{
    private static readonly string[] UtcNames = ["UTC", "Etc/UTC", "Etc/UCT", "Etc/GMT", "GMT", "Z", "Etc/Universal", "Etc/Zulu"];

    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64) return false;
        if (UtcNames.Contains(id, StringComparer.OrdinalIgnoreCase)) return true;
        if (TryFixedOffset(id, out zone)) return true;
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone!);
    }

    // "+05:30", "-03:00", "UTC+02:00", "UTC-0800".
    private static bool TryFixedOffset(string id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        var text = id.StartsWith("UTC", StringComparison.OrdinalIgnoreCase) ? id[3..] : id;
        if (text.Length < 3 || (text[0] != '+' && text[0] != '-')) return false;
        var formats = new[] { "hh\\:mm", "hhmm", "hh" };
        if (!TimeSpan.TryParseExact(text[1..], formats, CultureInfo.InvariantCulture, out var offset) || offset > TimeSpan.FromHours(14)) return false;
        if (text[0] == '-') offset = -offset;
        zone = TimeZoneInfo.CreateCustomTimeZone(id, offset, id, id);
        return true;
    }
}
