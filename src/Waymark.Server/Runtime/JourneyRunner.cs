using Microsoft.Extensions.Options;
using Waymark.Server.Deliveries;

namespace Waymark.Server.Runtime;

/// <summary>
/// The scheduler of one process: whenever it is woken or its poll interval passes, it claims due
/// enrollments in leased batches and applies them until nothing is due. Several processes on one
/// database share the work through the claims.
/// </summary>
public sealed class JourneyRunner(
    IServiceScopeFactory scopes, RuntimeSignal signal, DispatchSignal dispatch, TimeProvider clock, IOptions<RuntimeOptions> options,
    ILogger<JourneyRunner> logger)
    : PollingWorker(signal, clock, logger)
{
    protected override bool Enabled => options.Value.Enabled;

    protected override int PollIntervalMs => options.Value.PollIntervalMs;

    /// <summary>Claims and applies batches until nothing is due now.</summary>
    /// <returns>How many enrollment passes were applied.</returns>
    public Task<int> RunDueAsync(CancellationToken ct) => DrainExclusiveAsync(ct);

    protected override async Task<int> DrainAsync(CancellationToken ct)
    {
        var total = 0;
        var batch = Math.Max(1, options.Value.BatchSize);
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var now = Clock.GetUtcNow().UtcDateTime;
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
}
