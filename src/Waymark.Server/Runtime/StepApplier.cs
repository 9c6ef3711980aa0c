using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waymark.Domain.Definitions;
using Waymark.Domain.Enrollments;
using Waymark.Server.Customers;
using Waymark.Server.Decisioning;
using Waymark.Server.Deliveries;
using Waymark.Server.Persistence;

namespace Waymark.Server.Runtime;

/// <summary>
/// Runs a claimed batch: reads the enrollments still leased to this runner, their pinned
/// definitions, their customers and — when the journeys decide or deliver — the tenant's flows,
/// offers and channels; lets the engine decide each one's steps up to its next wait or its end;
/// and writes all of it (states, history, counters, decisions, outbox) in one transaction.
/// </summary>
public sealed class StepApplier(WaymarkDbContext db, DefinitionCache definitions, TimeProvider clock)
{
    /// <summary>What a batch did: enrollments moved, and deliveries queued for the dispatcher.</summary>
    public readonly record struct Applied(int Enrollments, int Deliveries);

    public async Task<Applied> ApplyAsync(string owner, IReadOnlyList<string> ids, CancellationToken ct)
    {
        var now = clock.UtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var enrollments = await db.Enrollments.AsNoTracking()
            .Where(e => ids.Contains(e.Id) && e.LeaseOwner == owner && e.Status == EnrollmentStatus.Active)
            .ToListAsync(ct);
        if (enrollments.Count == 0) return default;

        var versions = await definitions.GetAsync(db, enrollments.Select(e => (e.JourneyId, e.JourneyVersion)), ct);
        var customers = await LoadCustomersAsync(enrollments, ct);
        var decisions = await LoadDecisionBatchesAsync(enrollments, versions, now, ct);

        var changes = new List<EnrollmentChange>(enrollments.Count);
        foreach (var e in enrollments)
        {
            var customer = customers.TryGetValue((e.TenantId, e.CustomerId), out var attributes) ? attributes : (JsonElement?)null;
            var decider = decisions.TryGetValue(e.TenantId, out var batch)
                ? new RecordingDecider(batch, e.CustomerId, customer, e.JourneyId, e.Id, record: true)
                : null;
            changes.Add(StepPlanner.Plan(e, versions.GetValueOrDefault((e.JourneyId, e.JourneyVersion)), customer, now, decider));
        }

        var applied = await StepWrites.UpdateEnrollmentsAsync(db, transaction, owner, changes, now, ct);
        var kept = changes.Where(c => applied.Contains(c.Before.Id)).ToList();
        await StepWrites.InsertStepsAsync(db, transaction, kept, now, ct);
        await StepWrites.UpdateCountersAsync(db, transaction, kept, ct);
        // Only what the kept passes decided and sent: a pass that lost its lease leaves no trace.
        await DecisionBatch.SaveAsync(db, [.. decisions.Values.SelectMany(b => b.Pending).Where(d => d.EnrollmentId is { } id && applied.Contains(id))], ct);
        var deliveries = await PlanDeliveriesAsync(kept, customers, now, ct);
        await OutboxWrites.InsertAsync(db, transaction, deliveries, ct);
        await transaction.CommitAsync(ct);
        return new Applied(kept.Count, deliveries.Count(d => d.Status == DeliveryStatus.Pending));
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

    // Flows, offers and recent decisions, per tenant, only where a pinned definition decides.
    private async Task<Dictionary<string, DecisionBatch>> LoadDecisionBatchesAsync(
        List<Enrollment> enrollments, IReadOnlyDictionary<(string, int), JourneyDefinition> versions, DateTime now, CancellationToken ct)
    {
        var batches = new Dictionary<string, DecisionBatch>(StringComparer.Ordinal);
        foreach (var tenant in enrollments.GroupBy(e => e.TenantId))
        {
            var flows = tenant.Select(e => versions.GetValueOrDefault((e.JourneyId, e.JourneyVersion)))
                .Where(d => d is not null).Distinct()
                .SelectMany(d => d!.Nodes.Where(n => n.Type == NodeTypes.NbaDecision).Select(NodeConfig.DecisionFlowId))
                .Distinct(StringComparer.Ordinal).ToList();
            if (flows.Count == 0) continue;
            batches[tenant.Key] = await DecisionBatch.LoadAsync(db, tenant.Key, flows, [.. tenant.Select(e => e.CustomerId).Distinct()], now, ct);
        }
        return batches;
    }

    private async Task<List<Delivery>> PlanDeliveriesAsync(
        List<EnrollmentChange> kept, Dictionary<(string, string), JsonElement> customers, DateTime now, CancellationToken ct)
    {
        var delivering = kept.Where(c => c.Steps.Any(s => s.Effect is Domain.Runtime.Deliver)).ToList();
        if (delivering.Count == 0) return [];
        var channels = new Dictionary<string, IReadOnlyList<Channel>>(StringComparer.Ordinal);
        foreach (var tenant in delivering.Select(c => c.Before.TenantId).Distinct())
        {
            channels[tenant] = await ChannelDirectory.ActiveChannelsAsync(db, tenant, ct);
        }
        var journeyIds = delivering.Select(c => c.Before.JourneyId).Distinct().ToList();
        var names = await db.Journeys.AsNoTracking().Where(j => journeyIds.Contains(j.Id))
            .ToDictionaryAsync(j => j.Id, j => j.Name, StringComparer.Ordinal, ct);
        return OutboxWrites.Plan(delivering, channels, names, customers, clock, now);
    }
}
