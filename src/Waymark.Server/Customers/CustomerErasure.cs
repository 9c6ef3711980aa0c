using Microsoft.EntityFrameworkCore;
using Waymark.Server.Enrollments;
using Waymark.Server.Persistence;

namespace Waymark.Server.Customers;

/// <summary>
/// Erases a customer from a tenant: the profile, every enrollment with its history, and every
/// event. Journey counters are aggregates and stay; enrollments still active are first counted
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
