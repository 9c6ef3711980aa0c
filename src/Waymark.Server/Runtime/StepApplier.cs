using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waymark.Domain.Enrollments;
using Waymark.Server.Customers;
using Waymark.Server.Persistence;

namespace Waymark.Server.Runtime;

/// <summary>
/// Runs a claimed batch: reads the enrollments still leased to this runner, their pinned
/// definitions and their customers, lets the engine decide each one's steps up to its next wait or
/// its end, and writes all of it in one transaction.
/// </summary>
public sealed class StepApplier(WaymarkDbContext db, DefinitionCache definitions, TimeProvider clock)
{
    /// <returns>How many enrollments moved.</returns>
    public async Task<int> ApplyAsync(string owner, IReadOnlyList<string> ids, CancellationToken ct)
    {
        var now = clock.UtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var enrollments = await db.Enrollments.AsNoTracking()
            .Where(e => ids.Contains(e.Id) && e.LeaseOwner == owner && e.Status == EnrollmentStatus.Active)
            .ToListAsync(ct);
        if (enrollments.Count == 0) return 0;

        var versions = await definitions.GetAsync(db, enrollments.Select(e => (e.JourneyId, e.JourneyVersion)), ct);
        var customers = await LoadCustomersAsync(enrollments, ct);
        var changes = enrollments.ConvertAll(e => StepPlanner.Plan(
            e, versions.GetValueOrDefault((e.JourneyId, e.JourneyVersion)),
            customers.TryGetValue((e.TenantId, e.CustomerId), out var attributes) ? attributes : null, now));

        var applied = await StepWrites.UpdateEnrollmentsAsync(db, transaction, owner, changes, now, ct);
        var kept = changes.Where(c => applied.Contains(c.Before.Id)).ToList();
        await StepWrites.InsertStepsAsync(db, transaction, kept, now, ct);
        await StepWrites.UpdateCountersAsync(db, transaction, kept, ct);
        await transaction.CommitAsync(ct);
        return kept.Count;
    }

    private async Task<Dictionary<(string Tenant, string Customer), JsonElement>> LoadCustomersAsync(List<Enrollment> enrollments, CancellationToken ct)
    {
        var found = new Dictionary<(string, string), JsonElement>();
        foreach (var tenant in enrollments.GroupBy(e => e.TenantId))
        {
            var attributes = await CustomerStore.LoadAttributesAsync(db, tenant.Key, [.. tenant.Select(e => e.CustomerId).Distinct()], ct);
            foreach (var (customer, value) in attributes) found[(tenant.Key, customer)] = value;
        }
        return found;
    }
}
