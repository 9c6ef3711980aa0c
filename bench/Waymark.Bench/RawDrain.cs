using System.Data.Common;
using System.Text.Json;

namespace Waymark.Bench;

/// <summary>
/// The runner's work on <see cref="RuntimeJourneys.ThreeNodes"/> written by hand against the
/// driver, as the baseline for the drain: the runner's own claim statement committed on its own,
/// then one transaction that completes the batch, appends its two history rows per enrollment and
/// moves the counters, sent as one command. No engine, no EF, nothing read but the claimed ids.
/// </summary>
public static class RawDrain
{
    private const string Owner = "raw-drain";

    // The runner's claim (EnrollmentClaims) with its due column, verbatim.
    private static string Claim(string lockClause) => $"""
        UPDATE enrollments SET lease_owner = @owner, lease_until = @until
        WHERE id IN (
            SELECT e.id FROM enrollments e JOIN journeys j ON j.id = e.journey_id
            WHERE e.status = 'active' AND e.resume_at <= @now AND j.status = 'active'
              AND (e.lease_until IS NULL OR e.lease_until < @now)
            ORDER BY e.resume_at
            LIMIT @limit
            {lockClause})
        RETURNING id
        """;

    // The claimed ids arrive as a one-column table expression with its column named id.
    private static string Apply(string claimed) => $"""
        UPDATE enrollments SET status = 'completed', current_node_id = 'n3', resume_at = NULL, step_count = 3,
            ended_at = @now, updated_at = @now, lease_owner = NULL, lease_until = NULL
        WHERE id IN (SELECT id FROM {claimed}) AND lease_owner = @owner AND status = 'active';
        INSERT INTO enrollment_steps (enrollment_id, sequence, node_id, node_type, decision, at)
        SELECT c.id, s.sequence, s.node_id, s.node_type, s.decision, @now FROM {claimed} CROSS JOIN (
            SELECT 2 AS sequence, 'n2' AS node_id, 'nba_decision' AS node_type,
                   'NBA decision requested (decision flow: default-flow)' AS decision
            UNION ALL SELECT 3, 'n3', 'exit', 'journey complete') AS s;
        UPDATE journey_counters SET active = active - @n, completed = completed + @n WHERE journey_id = @journey;
        INSERT INTO node_counters (journey_id, node_id, reached, dropoff) VALUES (@journey, 'n2', @n, 0), (@journey, 'n3', @n, 0)
        ON CONFLICT (journey_id, node_id) DO UPDATE SET reached = node_counters.reached + excluded.reached;
        """;

    /// <returns>How many enrollments were completed.</returns>
    public static async Task<int> RunAsync(BenchServer server, string journeyId, int batchSize, int leaseSeconds)
    {
        var postgres = server.Provider == "postgres";
        var claim = Claim(postgres ? "FOR UPDATE OF e SKIP LOCKED" : "");
        var apply = Apply(postgres ? "unnest(@ids) AS c(id)" : "(SELECT value AS id FROM json_each(@ids)) AS c");
        await using var connection = await Driver.OpenAsync(server);
        var total = 0;
        while (true)
        {
            var now = NowMs();
            var ids = await ClaimAsync(connection, claim, now, now.AddSeconds(leaseSeconds), batchSize);
            if (ids.Count == 0) return total;

            await using var transaction = await connection.BeginTransactionAsync();
            await using var command = Driver.Command(connection, apply,
                ("@ids", postgres ? ids.ToArray() : JsonSerializer.Serialize(ids)), ("@owner", Owner),
                ("@now", NowMs()), ("@n", ids.Count), ("@journey", journeyId));
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            total += ids.Count;
        }
    }

    private static async Task<List<string>> ClaimAsync(DbConnection connection, string claim, DateTime now, DateTime until, int limit)
    {
        await using var command = Driver.Command(connection, claim, ("@owner", Owner), ("@until", until), ("@now", now), ("@limit", limit));
        var ids = new List<string>(limit);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    // The runner's timestamps have millisecond precision; so do these.
    private static DateTime NowMs()
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }
}
