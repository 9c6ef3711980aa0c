using Microsoft.EntityFrameworkCore;
using Waymark.Domain.Enrollments;
using Waymark.Server.Persistence;

namespace Waymark.Server.Enrollments;

/// <summary>
/// Ends active enrollments with a reason, inside the caller's transaction, counting each as a
/// drop-off at the node where it stood.
/// </summary>
public static class EnrollmentExits
{
    /// <summary>Every active enrollment of a journey (archiving).</summary>
    public static Task<long> ExitAllAsync(WaymarkDbContext db, string journeyId, string reason, DateTime now, CancellationToken ct) =>
        ExitWhereAsync(db, "journey_id = @journey", [("@journey", journeyId)], reason, now, ct);

    /// <summary>Every active enrollment of one customer in the tenant, in any journey (erasure).</summary>
    public static Task<long> ExitCustomerAsync(WaymarkDbContext db, string tenantId, string customerId, string reason, DateTime now, CancellationToken ct) =>
        ExitWhereAsync(db, "tenant_id = @tenant AND customer_id = @customer", [("@tenant", tenantId), ("@customer", customerId)], reason, now, ct);

    private static async Task<long> ExitWhereAsync(
        WaymarkDbContext db, string filter, (string Name, string Value)[] parameters, string reason, DateTime now, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Exits must run inside the caller's transaction.");
        var connection = db.Database.GetDbConnection();
        await using var command = Counters.Command(connection, transaction);
        command.CommandText = $"""
            UPDATE enrollments
            SET status = '{EnrollmentStatus.Exited}', exit_reason = @reason, ended_at = @now, updated_at = @now,
                resume_at = NULL, waiting_for_event = NULL, lease_owner = NULL, lease_until = NULL
            WHERE {filter} AND status = '{EnrollmentStatus.Active}'
            RETURNING journey_id, current_node_id
            """;
        SqlDialect.AddParameter(command, "@reason", reason);
        SqlDialect.AddParameter(command, "@now", now);
        foreach (var (name, value) in parameters) SqlDialect.AddParameter(command, name, value);

        // RETURNING gives exactly the rows this statement changed, so the counters match them.
        var byJourney = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var journey = reader.GetString(0);
                var node = reader.IsDBNull(1) ? "" : reader.GetString(1);
                if (!byJourney.TryGetValue(journey, out var byNode)) byJourney[journey] = byNode = new(StringComparer.Ordinal);
                byNode[node] = byNode.GetValueOrDefault(node) + 1;
            }
        }
        foreach (var (journey, byNode) in byJourney)
        {
            await Counters.AddExitsAsync(connection, transaction, journey, byNode, ct);
        }
        return byJourney.Values.Sum(byNode => byNode.Values.Sum());
    }
}
