using Microsoft.EntityFrameworkCore;
using Waymark.Server.Channels;
using Waymark.Server.Persistence;

namespace Waymark.Server.Deliveries;

/// <summary>Which channel a channel_action step delivers through.</summary>
public static class ChannelDirectory
{
    /// <summary>The tenant's active channels, oldest first.</summary>
    public static async Task<IReadOnlyList<Channel>> ActiveChannelsAsync(WaymarkDbContext db, string tenantId, CancellationToken ct) =>
        await db.Channels.AsNoTracking()
            .Where(c => c.TenantId == tenantId && c.Status == ChannelStatus.Active)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .ToListAsync(ct);

    /// <summary>
    /// The channel named by <paramref name="channelId"/> when one is given, else the oldest active
    /// channel of <paramref name="channelType"/>; null when there is none. Only active channels
    /// count: a step naming an inactive channel is undeliverable rather than sent through it.
    /// </summary>
    /// <param name="active">From <see cref="ActiveChannelsAsync"/>, oldest first.</param>
    public static Channel? Resolve(IReadOnlyList<Channel> active, string? channelType, string? channelId)
    {
        if (channelId is not null) return active.FirstOrDefault(c => string.Equals(c.Id, channelId, StringComparison.Ordinal));
        if (channelType is null) return null;
        return active.FirstOrDefault(c => string.Equals(c.ChannelType, channelType, StringComparison.Ordinal));
    }
}
