using System.Globalization;
using System.Text.Json;

namespace Waymark.Server.Channels;

/// <summary>
/// A daily window in which nothing is sent, e.g. 21:00–08:00 (it may wrap past midnight), in the
/// customer's time zone or else <see cref="Timezone"/>. End is exclusive.
/// </summary>
public sealed record QuietHours(string Start, string End, string Timezone)
{
    public const string DefaultTimezone = "UTC";

    public static QuietHours? FromJson(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<QuietHours>(json, JsonSerializerOptions.Web);

    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    public static bool TryParseTime(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>When the quiet window containing <paramref name="utcNow"/> ends (UTC), or null when it is not quiet then.</summary>
    public DateTime? EndsAfter(DateTime utcNow, TimeZoneInfo zone)
    {
        if (!TryParseTime(Start, out var start) || !TryParseTime(End, out var end) || start == end) return null;
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc), zone);
        var time = TimeOnly.FromDateTime(local);
        var wraps = end < start;
        var inside = wraps ? time >= start || time < end : time >= start && time < end;
        if (!inside) return null;

        var endDate = DateOnly.FromDateTime(local);
        if (wraps && time >= start) endDate = endDate.AddDays(1);
        var endLocal = endDate.ToDateTime(end, DateTimeKind.Unspecified);
        // A window ending inside a spring-forward gap ends when the clocks resume.
        while (zone.IsInvalidTime(endLocal)) endLocal = endLocal.AddMinutes(1);
        return TimeZoneInfo.ConvertTimeToUtc(endLocal, zone);
    }
}
