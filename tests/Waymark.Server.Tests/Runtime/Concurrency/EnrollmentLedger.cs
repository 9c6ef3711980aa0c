using Npgsql;

namespace Waymark.Server.Tests.Runtime.Concurrency;

/// <summary>Where a journey's enrollments stand.</summary>
internal sealed record Progress(long Completed, long Leased, long LiveLeases);

/// <summary>
/// Reads one journey's enrollments, history and counters straight from PostgreSQL, past the API,
/// to check what several runners left behind.
/// </summary>
internal sealed class EnrollmentLedger(string connectionString, string journeyId)
{
    // The history of this journey's enrollments; every query below reads it through this.
    private const string History = "enrollment_steps s JOIN enrollments e ON e.id = s.enrollment_id AND e.journey_id = @journey";

    /// <summary>Completed enrollments, enrollments holding a lease, and leases not yet run out by the database's clock.</summary>
    public async Task<Progress> ProgressAsync(CancellationToken ct)
    {
        var row = await RowAsync("""
            SELECT count(*) FILTER (WHERE status = 'completed'), count(*) FILTER (WHERE lease_owner IS NOT NULL),
                   count(*) FILTER (WHERE lease_until >= clock_timestamp())
            FROM enrollments WHERE journey_id = @journey
            """, ct);
        return new Progress(row[0], row[1], row[2]);
    }

    public async Task<IReadOnlyList<string>> LeaseOwnersAsync(CancellationToken ct) =>
        await ReadAsync("SELECT DISTINCT lease_owner FROM enrollments WHERE journey_id = @journey AND lease_owner IS NOT NULL",
            r => r.GetString(0), ct);

    /// <summary>Leased enrollments that nonetheless moved past their entry: a claim's pass was half applied.</summary>
    public async Task<long> LeasedButMovedAsync(CancellationToken ct) => (await RowAsync("""
        SELECT count(*) FROM enrollments e
        WHERE e.journey_id = @journey AND e.lease_owner IS NOT NULL
          AND (e.status <> 'active' OR e.step_count <> 1 OR (SELECT count(*) FROM enrollment_steps s WHERE s.enrollment_id = e.id) <> 1)
        """, ct))[0];

    /// <summary>
    /// How many enrollments each <see cref="TaggedClock"/> moved past their entry, read from the
    /// time its runner stamped on step 2.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, long>> MovedByClockTagAsync(CancellationToken ct) =>
        (await ReadAsync($"""
            SELECT extract(milliseconds FROM s.at)::bigint % 10, count(*) FROM {History}
            WHERE s.sequence = 2 GROUP BY 1
            """, r => (Tag: r.GetInt64(0), Count: r.GetInt64(1)), ct))
        .ToDictionary(t => t.Tag, t => t.Count);

    /// <summary>
    /// Every one of <paramref name="expected"/> enrollments completed with exactly the five steps
    /// n1…n5 as sequences 1…5, steps 2–5 written in one pass; no lease left; node counters equal to
    /// the history, and the funnel all completed.
    /// </summary>
    public async Task AssertEveryStepOnceAsync(long expected, CancellationToken ct)
    {
        var enrollments = await RowAsync("""
            SELECT count(*), count(*) FILTER (WHERE status = 'completed'),
                   count(*) FILTER (WHERE lease_owner IS NOT NULL OR lease_until IS NOT NULL),
                   count(*) FILTER (WHERE step_count <> 5 OR current_node_id <> 'n5')
            FROM enrollments WHERE journey_id = @journey
            """, ct);
        Assert.Equal([expected, expected, 0, 0], enrollments);

        var history = await RowAsync($"""
            SELECT
                (SELECT count(*) FROM {History}),
                (SELECT count(*) FROM {History} WHERE s.node_id <> 'n' || s.sequence),
                (SELECT count(*) FROM (SELECT s.enrollment_id FROM {History} GROUP BY s.enrollment_id
                    HAVING count(*) <> 5 OR min(s.sequence) <> 1 OR max(s.sequence) <> 5) bad),
                (SELECT count(*) FROM (SELECT s.enrollment_id FROM {History} WHERE s.sequence > 1 GROUP BY s.enrollment_id
                    HAVING count(DISTINCT s.at) <> 1) split)
            """, ct);
        Assert.True(history.SequenceEqual([expected * LinearJourney.Steps, 0, 0, 0]),
            $"steps in all, off-route steps, enrollments without steps 1–5 once each, enrollments moved in more than one pass: [{string.Join(", ", history)}]");

        var counted = await ReadAsync("SELECT node_id, reached, dropoff FROM node_counters WHERE journey_id = @journey ORDER BY node_id",
            r => $"{r.GetString(0)}: reached {r.GetInt64(1)}, dropoff {r.GetInt64(2)}", ct);
        var recorded = await ReadAsync($"SELECT s.node_id, count(*) FROM {History} GROUP BY s.node_id ORDER BY s.node_id",
            r => $"{r.GetString(0)}: reached {r.GetInt64(1)}, dropoff 0", ct);
        Assert.Equal(recorded, counted);
        Assert.Equal([.. Enumerable.Range(1, LinearJourney.Steps).Select(n => $"n{n}: reached {expected}, dropoff 0")], counted);

        var funnel = await RowAsync("SELECT total_entries, active, completed, exited FROM journey_counters WHERE journey_id = @journey", ct);
        Assert.Equal([expected, 0, expected, 0], funnel);
    }

    private async Task<long[]> RowAsync(string sql, CancellationToken ct) =>
        (await ReadAsync(sql, r => Enumerable.Range(0, r.FieldCount).Select(r.GetInt64).ToArray(), ct)).Single();

    private async Task<List<T>> ReadAsync<T>(string sql, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("journey", journeyId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct)) rows.Add(read(reader));
        return rows;
    }
}
