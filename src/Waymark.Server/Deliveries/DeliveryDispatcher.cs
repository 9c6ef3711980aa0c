using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Waymark.Server.Persistence;
using Waymark.Server.Runtime;

namespace Waymark.Server.Deliveries;

/// <summary>
/// The dispatcher of one process: whenever it is woken or its poll interval passes, it claims due
/// deliveries in leased batches and sends them until nothing is due. Several processes on one
/// database share the work through the claims.
/// </summary>
public sealed partial class DeliveryDispatcher(
    IServiceScopeFactory scopes, DeliveryProcessor processor, DispatchSignal signal, TimeProvider clock,
    IOptions<DeliveryOptions> options, ILogger<DeliveryDispatcher> logger)
    : PollingWorker(signal, clock, logger)
{
    protected override bool Enabled => options.Value.Enabled;

    protected override int PollIntervalMs => options.Value.PollIntervalMs;

    /// <summary>Claims and sends batches until nothing is due now.</summary>
    /// <returns>How many deliveries were taken up (sent, failed, deferred, suppressed or found undeliverable).</returns>
    public Task<int> DispatchDueAsync(CancellationToken ct) => DrainExclusiveAsync(ct);

    protected override async Task<int> DrainAsync(CancellationToken ct)
    {
        var total = 0;
        var o = options.Value;
        while (true)
        {
            var (batch, channels) = await ClaimBatchAsync(Math.Max(1, o.BatchSize), ct);
            if (batch.Count == 0) return total;
            // One customer's deliveries go one after another, so a frequency cap sees the ones just sent.
            var byCustomer = batch.GroupBy(d => (d.TenantId, d.CustomerId)).Select(g => g.OrderBy(d => d.DueAt).ThenBy(d => d.Id).ToList());
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.Concurrency), CancellationToken = ct };
            await Parallel.ForEachAsync(byCustomer, parallel, async (deliveries, token) =>
            {
                foreach (var delivery in deliveries) await ProcessAsync(delivery, channels, token);
            });
            total += batch.Count;
        }
    }

    private async Task<(List<Delivery> Batch, Dictionary<string, Channel> Channels)> ClaimBatchAsync(int size, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        var now = Clock.UtcNow();
        var ids = await DeliveryClaims.ClaimAsync(db, Owner, now, now.AddSeconds(Math.Max(1, options.Value.LeaseSeconds)), size, ct);
        if (ids.Count == 0) return ([], []);
        var batch = await db.Deliveries.AsNoTracking().Where(d => ids.Contains(d.Id) && d.LeaseOwner == Owner).ToListAsync(ct);
        var channelIds = batch.Select(d => d.ChannelId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var channels = await db.Channels.AsNoTracking().Where(c => channelIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, StringComparer.Ordinal, ct);
        return (batch, channels);
    }

    private async Task ProcessAsync(Delivery delivery, Dictionary<string, Channel> channels, CancellationToken ct)
    {
        try
        {
            await processor.ProcessAsync(Owner, delivery, delivery.ChannelId is { } id ? channels.GetValueOrDefault(id) : null, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Its lease runs out and it is claimed again; the others of the batch go on.
            LogDeliveryFailed(logger, delivery.Id, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId} could not be processed; it will be claimed again when its lease expires")]
    private static partial void LogDeliveryFailed(ILogger logger, string deliveryId, Exception exception);
}
