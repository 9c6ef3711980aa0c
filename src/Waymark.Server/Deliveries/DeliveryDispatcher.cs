using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Waymark.Server.Persistence;

namespace Waymark.Server.Deliveries;

/// <summary>
/// The dispatcher of one process: whenever it is woken or its poll interval passes, it claims due
/// deliveries in leased batches and sends them until nothing is due. Several processes on one
/// database share the work through the claims.
/// </summary>
public sealed partial class DeliveryDispatcher(
    IServiceScopeFactory scopes, DeliveryProcessor processor, DispatchSignal signal, TimeProvider clock,
    IOptions<DeliveryOptions> options, ILogger<DeliveryDispatcher> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _draining = new(1, 1);

    /// <summary>This dispatcher's name on its leases: unique per process start.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        var interval = TimeSpan.FromMilliseconds(Math.Max(10, options.Value.PollIntervalMs));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A failed pass leaves its leases to expire; the deliveries are claimed again, never lost.
                LogPassFailed(logger, e);
            }
            await signal.WaitAsync(interval, clock, stoppingToken);
        }
    }

    /// <summary>Claims and sends batches until nothing is due now.</summary>
    /// <returns>How many deliveries were taken up (sent, failed, deferred, suppressed or found undeliverable).</returns>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        await _draining.WaitAsync(ct);
        try
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
        finally
        {
            _draining.Release();
        }
    }

    private async Task<(List<Delivery> Batch, Dictionary<string, Channel> Channels)> ClaimBatchAsync(int size, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        var now = clock.UtcNow();
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

    public override void Dispose()
    {
        _draining.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A dispatch pass failed; its claims will be retried when their leases expire")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId} could not be processed; it will be claimed again when its lease expires")]
    private static partial void LogDeliveryFailed(ILogger logger, string deliveryId, Exception exception);
}
