using Microsoft.Extensions.Options;
using Waymark.Server.Deliveries;

namespace Waymark.Server.Runtime;

/// <summary>
/// The scheduler of one process: whenever it is woken or its poll interval passes, it claims due
/// enrollments in leased batches and applies them until nothing is due. Several processes on one
/// database share the work through the claims.
/// </summary>
public sealed partial class JourneyRunner(
    IServiceScopeFactory scopes, RuntimeSignal signal, DispatchSignal dispatch, TimeProvider clock, IOptions<RuntimeOptions> options,
    ILogger<JourneyRunner> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _draining = new(1, 1);

    /// <summary>This runner's name on its leases: unique per process start.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        var interval = TimeSpan.FromMilliseconds(Math.Max(10, options.Value.PollIntervalMs));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A failed pass leaves its leases to expire; the work is retried, never lost.
                LogPassFailed(logger, e);
            }
            await signal.WaitAsync(interval, clock, stoppingToken);
        }
    }

    /// <summary>Claims and applies batches until nothing is due now.</summary>
    /// <returns>How many enrollment passes were applied.</returns>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        await _draining.WaitAsync(ct);
        try
        {
            var total = 0;
            var batch = Math.Max(1, options.Value.BatchSize);
            while (true)
            {
                await using var scope = scopes.CreateAsyncScope();
                var services = scope.ServiceProvider;
                var now = clock.GetUtcNow().UtcDateTime;
                var leaseUntil = now.AddSeconds(options.Value.LeaseSeconds);
                var claims = services.GetRequiredService<EnrollmentClaims>();
                var ids = await claims.ClaimExpiredAsync(Owner, now, leaseUntil, batch, ct);
                if (ids.Count < batch) ids.AddRange(await claims.ClaimResumableAsync(Owner, now, leaseUntil, batch - ids.Count, ct));
                if (ids.Count == 0) return total;
                var applied = await services.GetRequiredService<StepApplier>().ApplyAsync(Owner, ids, ct);
                total += applied.Enrollments;
                if (applied.Deliveries > 0) dispatch.Notify();
            }
        }
        finally
        {
            _draining.Release();
        }
    }

    public override void Dispose()
    {
        _draining.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A scheduler pass failed; its claims will be retried when their leases expire")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
