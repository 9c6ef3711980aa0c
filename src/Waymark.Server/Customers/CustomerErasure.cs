using Microsoft.EntityFrameworkCore;
using Waymark.Server.Enrollments;
using Waymark.Server.Persistence;

namespace Waymark.Server.Customers;

/// <summary>
/// Erases a customer from a tenant: the profile, every enrollment with its history, every event,
/// decision, delivery (whose payload holds the attributes; a pending one is never sent) and inbox
/// message. Journey counters are aggregates and stay; enrollments still active are first counted
/// as exits, so that the funnel adds up afterwards.
/// </summary>
public static class CustomerErasure
{
    public const string ExitReason = "customer_erased";

    /// <returns>False when the tenant held nothing of the customer.</returns>
    public static async Task<bool> EraseAsync(WaymarkDbContext db, string tenantId, string customerId, DateTime now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await EnrollmentExits.ExitCustomerAsync(db, tenantId, customerId, ExitReason, now, ct);

        var enrollments = db.Enrollments.Where(e => e.TenantId == tenantId && e.CustomerId == customerId);
        await db.EnrollmentSteps.Where(s => enrollments.Any(e => e.Id == s.EnrollmentId)).ExecuteDeleteAsync(ct);
        var erased = await enrollments.ExecuteDeleteAsync(ct);
        erased += await db.Events.Where(e => e.TenantId == tenantId && e.CustomerId == customerId).ExecuteDeleteAsync(ct);
        erased += await db.Decisions.Where(d => d.TenantId == tenantId && d.CustomerId == customerId).ExecuteDeleteAsync(ct);
        erased += await db.InboxMessages.Where(m => m.TenantId == tenantId && m.CustomerId == customerId).ExecuteDeleteAsync(ct);
        var deliveries = db.Deliveries.Where(d => d.TenantId == tenantId && d.CustomerId == customerId);
        await db.DeliveryAttempts.Where(a => deliveries.Any(d => d.Id == a.DeliveryId)).ExecuteDeleteAsync(ct);
        erased += await deliveries.ExecuteDeleteAsync(ct);
        erased += await db.Customers.Where(c => c.TenantId == tenantId && c.CustomerId == customerId).ExecuteDeleteAsync(ct);
        if (erased == 0)
        {
            await transaction.RollbackAsync(ct);
            return false;
        }
        await transaction.CommitAsync(ct);
        return true;
    }
}
