using Waymark.Server.Channels;

namespace Waymark.Server.Tests.Channels;

public sealed class QuietHoursTests
{
    private static readonly QuietHours Overnight = new("21:00", "08:00", "UTC");

    private static DateTime Utc(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void A_window_past_midnight_entered_in_the_evening_ends_the_next_morning() =>
        Assert.Equal(Utc(17, 8), Overnight.EndsAfter(Utc(16, 22, 15), TimeZoneInfo.Utc));

    [Fact]
    public void A_window_past_midnight_entered_after_midnight_ends_the_same_morning() =>
        Assert.Equal(Utc(17, 8), Overnight.EndsAfter(Utc(17, 3), TimeZoneInfo.Utc));

    [Fact]
    public void The_start_is_quiet_and_the_end_is_not()
    {
        Assert.Equal(Utc(17, 8), Overnight.EndsAfter(Utc(16, 21), TimeZoneInfo.Utc));
        Assert.Null(Overnight.EndsAfter(Utc(17, 8), TimeZoneInfo.Utc));
        Assert.Null(Overnight.EndsAfter(Utc(16, 20, 59), TimeZoneInfo.Utc));
    }

    [Fact]
    public void A_daytime_window_is_quiet_only_between_its_times()
    {
        var lunch = new QuietHours("12:00", "14:00", "UTC");

        Assert.Equal(Utc(16, 14), lunch.EndsAfter(Utc(16, 13), TimeZoneInfo.Utc));
        Assert.Null(lunch.EndsAfter(Utc(16, 11, 59), TimeZoneInfo.Utc));
        Assert.Null(lunch.EndsAfter(Utc(16, 22), TimeZoneInfo.Utc));
    }

    [Fact]
    public void The_window_is_read_in_the_given_zone()
    {
        Assert.True(TimeZones.TryFind("Europe/Berlin", out var berlin));

        // 20:30 UTC is 21:30 in Berlin (UTC+1 in mid-March); the window ends at 08:00 there, 07:00 UTC.
        Assert.Equal(Utc(17, 7), Overnight.EndsAfter(Utc(16, 20, 30), berlin));
    }

    [Fact]
    public void A_window_ending_in_the_spring_forward_gap_ends_when_the_clocks_resume()
    {
        Assert.True(TimeZones.TryFind("Europe/Berlin", out var berlin));
        var early = new QuietHours("22:00", "02:30", "Europe/Berlin");

        // On 29 March 2026 Berlin goes from 02:00 straight to 03:00 (01:00 UTC).
        Assert.Equal(Utc(29, 1), early.EndsAfter(Utc(28, 23), berlin));
    }

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Australia/Sydney")]
    [InlineData("UTC")]
    [InlineData("Etc/UTC")]
    [InlineData("+05:30")]
    [InlineData("UTC-03:00")]
    public void IANA_ids_UTC_and_fixed_offsets_resolve(string id) => Assert.True(TimeZones.TryFind(id, out _));

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [InlineData("+25:00")]
    public void Unknown_zones_do_not_resolve(string id) => Assert.False(TimeZones.TryFind(id, out _));

    [Fact]
    public void A_fixed_offset_shifts_the_window()
    {
        Assert.True(TimeZones.TryFind("+05:30", out var india));

        // 16:00 UTC is 21:30 at +05:30; 08:00 there is 02:30 UTC.
        Assert.Equal(Utc(17, 2, 30), Overnight.EndsAfter(Utc(16, 16), india));
    }
}
