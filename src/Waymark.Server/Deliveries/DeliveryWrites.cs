using Microsoft.EntityFrameworkCore;
using Waymark.Server.Persistence;

namespace Waymark.Server.Deliveries;

/// <summary>Where a dispatch pass leaves a delivery: its status, reason, and when it is next due (pending only).</summary>
public readonly record struct Settlement(string Status, string? Reason, DateTime? SentAt = null, DateTime? DueAt = null);

/// <summary>
/// Every write of a dispatcher to a claimed delivery is guarded by its lease: it lands only while
/// the delivery is still pending and leased to this dispatcher. A dispatcher whose lease ran out
/// and was taken over changes nothing.
/// </summary>
public static class DeliveryWrites
{
    /// <summary>Extends the lease before work starts on a delivery; false when it is no longer this dispatcher's.</summary>
    public static async Task<bool> RenewAsync(WaymarkDbContext db, string id, string owner, DateTime leaseUntil, CancellationToken ct) =>
        await Held(db, id, owner).ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntil, leaseUntil), ct) == 1;

    /// <summary>Appends an attempt and extends the lease, in one transaction.</summary>
    public static async Task<bool> RecordAttemptAsync(
        WaymarkDbContext db, string owner, DeliveryAttempt attempt, DateTime now, DateTime leaseUntil, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var held = await Held(db, attempt.DeliveryId, owner).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Attempts, attempt.Attempt)
            .SetProperty(d => d.LeaseUntil, leaseUntil)
            .SetProperty(d => d.UpdatedAt, now), ct);
        if (held == 0) return false;
        await InsertAsync(db, attempt, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Sets the outcome of this pass and releases the lease, with the attempt that decided it if any.</summary>
    public static async Task<bool> SettleAsync(
        WaymarkDbContext db, string id, string owner, Settlement settlement, int attempts, DeliveryAttempt? attempt, DateTime now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var held = await Held(db, id, owner).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, settlement.Status)
            .SetProperty(d => d.Reason, settlement.Reason)
            .SetProperty(d => d.SentAt, settlement.SentAt)
            .SetProperty(d => d.DueAt, settlement.DueAt)
            .SetProperty(d => d.Attempts, attempts)
            .SetProperty(d => d.LeaseOwner, (string?)null)
            .SetProperty(d => d.LeaseUntil, (DateTime?)null)
            .SetProperty(d => d.UpdatedAt, now), ct);
        if (held == 0) return false;
        if (attempt is not null) await InsertAsync(db, attempt, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private static IQueryable<Delivery> Held(WaymarkDbContext db, string id, string owner) =>
        db.Deliveries.Where(d => d.Id == id && d.LeaseOwner == owner && d.Status == DeliveryStatus.Pending);

    private static async Task InsertAsync(WaymarkDbContext db, DeliveryAttempt attempt, CancellationToken ct)
    {
        db.DeliveryAttempts.Add(attempt);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
