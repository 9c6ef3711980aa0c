using Microsoft.EntityFrameworkCore;
using Waymark.Server.Channels;
using Waymark.Server.Persistence;

namespace Waymark.Server.Deliveries;

/// <summary>The channel's limits on contacting a customer: quiet hours defer, the frequency cap suppresses.</summary>
public static class ContactRules
{
    /// <summary>When the channel's quiet hours for this customer end, with the reason; null when it is not quiet now.</summary>
    public static (DateTime Until, string Reason)? QuietUntil(Channel channel, DeliveryPayload payload, DateTime now)
    {
        if (QuietHours.FromJson(channel.QuietHours) is not { } quiet) return null;
        // The customer's own zone when it is known, else the channel's.
        var zoneId = payload.Attribute("timezone") is { } customerZone && TimeZones.TryFind(customerZone, out _) ? customerZone : quiet.Timezone;
        if (!TimeZones.TryFind(zoneId, out var zone)) zone = TimeZoneInfo.Utc;
        if (quiet.EndsAfter(now, zone) is not { } until) return null;
        return (until, $"quiet hours {quiet.Start}–{quiet.End} ({zoneId})");
    }

    /// <summary>Why the frequency cap forbids sending now, or null: it counts this channel's deliveries sent to the customer within the window.</summary>
    public static async Task<string?> CapReachedAsync(WaymarkDbContext db, Channel channel, Delivery delivery, DateTime now, CancellationToken ct)
    {
        if (channel.FrequencyCapCount is not { } count || channel.FrequencyCapHours is not { } hours) return null;
        var since = now.AddHours(-hours);
        var sent = await db.Deliveries.AsNoTracking()
            .Where(d => d.TenantId == delivery.TenantId && d.CustomerId == delivery.CustomerId && d.ChannelType == channel.ChannelType
                        && d.SentAt >= since && d.ChannelId == channel.Id && d.Status == DeliveryStatus.Sent)
            .CountAsync(ct);
        return sent >= count ? $"frequency cap reached: {sent} sent through channel '{channel.Name}' in the last {hours} h (at most {count})" : null;
    }
}
