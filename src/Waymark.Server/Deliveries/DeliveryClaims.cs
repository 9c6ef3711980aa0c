using Microsoft.EntityFrameworkCore;
using Waymark.Server.Persistence;

namespace Waymark.Server.Deliveries;

/// <summary>
/// Claims due deliveries for one dispatcher: a single UPDATE that stamps a lease on a batch of
/// pending deliveries whose due time has come and whose lease is free, and returns their ids,
/// committed on its own. On PostgreSQL the batch is chosen FOR UPDATE SKIP LOCKED, so dispatchers
/// on several nodes take disjoint batches without waiting on each other; SQLite has one writer at
/// a time, which serialises claims by itself. A lease that runs out (its dispatcher died) makes
/// the delivery claimable again.
/// </summary>
public static class DeliveryClaims
{
    public static async Task<List<string>> ClaimAsync(WaymarkDbContext db, string owner, DateTime now, DateTime leaseUntil, int limit, CancellationToken ct)
    {
        var skipLocked = db.Dialect == SqlDialect.Postgres ? "FOR UPDATE SKIP LOCKED" : "";
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"""
                UPDATE deliveries SET lease_owner = @owner, lease_until = @until
                WHERE id IN (
                    SELECT d.id FROM deliveries d
                    WHERE d.status = '{DeliveryStatus.Pending}' AND d.due_at <= @now
                      AND (d.lease_until IS NULL OR d.lease_until < @now)
                    ORDER BY d.due_at
                    LIMIT @limit
                    {skipLocked})
                RETURNING id
                """;
            SqlDialect.AddParameter(command, "@owner", owner);
            SqlDialect.AddParameter(command, "@until", leaseUntil);
            SqlDialect.AddParameter(command, "@now", now);
            SqlDialect.AddParameter(command, "@limit", limit);
            var ids = new List<string>(limit);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetString(0));
            return ids;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
