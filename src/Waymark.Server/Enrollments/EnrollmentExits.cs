using Microsoft.EntityFrameworkCore;
using Waymark.Domain.Enrollments;
using Waymark.Server.Persistence;

namespace Waymark.Server.Enrollments;

public static class EnrollmentExits
{
    /// <summary>
    /// Exits every active enrollment of a journey with <paramref name="reason"/>, inside the
    /// caller's transaction, and counts each as a drop-off at the node where it stood.
    /// </summary>
    public static async Task<long> ExitAllAsync(WaymarkDbContext db, string journeyId, string reason, DateTime now, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Exits must run inside the caller's transaction.");
        var connection = db.Database.GetDbConnection();
        await using var command = Counters.Command(connection, transaction);
        command.CommandText = $"""
            UPDATE enrollments
            SET status = '{EnrollmentStatus.Exited}', exit_reason = @reason, ended_at = @now, updated_at = @now,
                resume_at = NULL, waiting_for_event = NULL, lease_owner = NULL, lease_until = NULL
            WHERE journey_id = @journey AND status = '{EnrollmentStatus.Active}'
            RETURNING current_node_id
            """;
        SqlDialect.AddParameter(command, "@reason", reason);
        SqlDialect.AddParameter(command, "@now", now);
        SqlDialect.AddParameter(command, "@journey", journeyId);

        // RETURNING gives exactly the rows this statement changed, so the counters match them.
        var byNode = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var node = reader.IsDBNull(0) ? "" : reader.GetString(0);
                byNode[node] = byNode.GetValueOrDefault(node) + 1;
            }
        }
        await Counters.AddExitsAsync(connection, transaction, journeyId, byNode, ct);
        return byNode.Values.Sum();
    }

    /// <summary>
    /// Exits every active enrollment of one customer in the tenant, in any journey, inside the
    /// caller's transaction, and counts each as a drop-off at the node where it stood.
    /// </summary>
    public static async Task<long> ExitCustomerAsync(WaymarkDbContext db, string tenantId, string customerId, string reason, DateTime now, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Exits must run inside the caller's transaction.");
        var connection = db.Database.GetDbConnection();
        await using var command = Counters.Command(connection, transaction);
        command.CommandText = $"""
            UPDATE enrollments
            SET status = '{EnrollmentStatus.Exited}', exit_reason = @reason, ended_at = @now, updated_at = @now,
                resume_at = NULL, waiting_for_event = NULL, lease_owner = NULL, lease_until = NULL
            WHERE tenant_id = @tenant AND customer_id = @customer AND status = '{EnrollmentStatus.Active}'
            RETURNING journey_id, current_node_id
            """;
        SqlDialect.AddParameter(command, "@reason", reason);
        SqlDialect.AddParameter(command, "@now", now);
        SqlDialect.AddParameter(command, "@tenant", tenantId);
        SqlDialect.AddParameter(command, "@customer", customerId);

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
