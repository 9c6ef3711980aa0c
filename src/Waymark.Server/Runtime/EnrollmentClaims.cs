using Microsoft.EntityFrameworkCore;
using Waymark.Domain.Enrollments;
using Waymark.Domain.Journeys;
using Waymark.Server.Persistence;

namespace Waymark.Server.Runtime;

/// <summary>
/// Claims due enrollments for one runner: a single UPDATE that stamps a lease on a batch and
/// returns it, committed on its own. On PostgreSQL the batch is chosen FOR UPDATE SKIP LOCKED, so
/// runners on several nodes take disjoint batches without waiting on each other; SQLite has one
/// writer at a time, which serialises claims by itself. A lease that runs out (its runner died)
/// makes the enrollment claimable again. Paused journeys' enrollments are not due: they wait.
/// </summary>
public sealed class EnrollmentClaims(WaymarkDbContext db)
{
    /// <summary>Enrollments whose wait has ended (or which were just enrolled), oldest due first.</summary>
    public Task<List<string>> ClaimResumableAsync(string owner, DateTime now, DateTime leaseUntil, int limit, CancellationToken ct) =>
        ClaimAsync("resume_at", owner, now, leaseUntil, limit, ct);

    /// <summary>Enrollments past their journey's maxDurationDays.</summary>
    public Task<List<string>> ClaimExpiredAsync(string owner, DateTime now, DateTime leaseUntil, int limit, CancellationToken ct) =>
        ClaimAsync("expires_at", owner, now, leaseUntil, limit, ct);

    private async Task<List<string>> ClaimAsync(string dueColumn, string owner, DateTime now, DateTime leaseUntil, int limit, CancellationToken ct)
    {
        var skipLocked = db.Dialect == SqlDialect.Postgres ? "FOR UPDATE OF e SKIP LOCKED" : "";
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"""
                UPDATE enrollments SET lease_owner = @owner, lease_until = @until
                WHERE id IN (
                    SELECT e.id FROM enrollments e JOIN journeys j ON j.id = e.journey_id
                    WHERE e.status = '{EnrollmentStatus.Active}' AND e.{dueColumn} <= @now AND j.status = '{JourneyStatus.Active}'
                      AND (e.lease_until IS NULL OR e.lease_until < @now)
                    ORDER BY e.{dueColumn}
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
