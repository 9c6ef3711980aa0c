using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Waymark.Domain.Enrollments;
using Waymark.Server.Enrollments;
using Waymark.Server.Persistence;

namespace Waymark.Server.Runtime;

/// <summary>
/// Writes a batch of <see cref="EnrollmentChange"/>s with a fixed number of statements: the
/// enrollments (guarded by lease and step count), their history, and the counters.
/// </summary>
public static class StepWrites
{
    /// <summary>
    /// Applies the new states where this runner still holds the lease and nobody has moved the
    /// enrollment since it was read; returns the ids that were applied. Only those get history and
    /// counts, so a pass that lost its lease changes nothing.
    /// </summary>
    public static async Task<HashSet<string>> UpdateEnrollmentsAsync(
        WaymarkDbContext db, IDbContextTransaction transaction, string owner, IReadOnlyList<EnrollmentChange> changes, DateTime now, CancellationToken ct)
    {
        var d = db.Dialect;
        await using var command = Counters.Command(db.Database.GetDbConnection(), transaction);
        var source = d.Rows(command, "r",
            ["id", "expected", "step_count", "status", "exit_reason", "current_node_id", "resume_at", "waiting_for_event", "wait_started_at", "ended_at", "context"],
            // In id order, like every other writer of enrollments here, so row locks are taken in one order.
            [.. changes.OrderBy(c => c.Before.Id, StringComparer.Ordinal).Select(c => new[]
            {
                c.Before.Id, SqlDialect.Text(c.Before.StepCount), SqlDialect.Text(c.StepCount), c.Status, c.ExitReason, c.CurrentNodeId,
                d.Text(c.ResumeAt), c.WaitingForEvent, d.Text(c.WaitStartedAt), d.Text(c.EndedAt), c.Context,
            })]);
        command.CommandText = $"""
            UPDATE enrollments SET
                status = r.status, exit_reason = r.exit_reason, current_node_id = r.current_node_id,
                resume_at = {d.Timestamp("r.resume_at")}, waiting_for_event = r.waiting_for_event,
                wait_started_at = {d.Timestamp("r.wait_started_at")}, ended_at = {d.Timestamp("r.ended_at")},
                step_count = {d.Integer("r.step_count")}, context = r.context, updated_at = @now,
                lease_owner = NULL, lease_until = NULL
            FROM {source}
            WHERE enrollments.id = r.id AND enrollments.lease_owner = @owner
              AND enrollments.status = '{EnrollmentStatus.Active}' AND enrollments.step_count = {d.Integer("r.expected")}
            RETURNING enrollments.id
            """;
        SqlDialect.AddParameter(command, "@now", now);
        SqlDialect.AddParameter(command, "@owner", owner);
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) applied.Add(reader.GetString(0));
        return applied;
    }

    /// <summary>Appends the steps. (enrollment, sequence) is the primary key: a step applied twice fails the transaction.</summary>
    public static async Task InsertStepsAsync(WaymarkDbContext db, IDbContextTransaction transaction, IReadOnlyList<EnrollmentChange> changes, DateTime now, CancellationToken ct)
    {
        var rows = changes.SelectMany(c => c.Steps.Select(s => new[]
        {
            c.Before.Id, SqlDialect.Text(s.Sequence), s.NodeId, s.NodeType, s.Decision, s.Inputs,
        })).ToList<string?[]>();
        if (rows.Count == 0) return;
        var d = db.Dialect;
        await using var command = Counters.Command(db.Database.GetDbConnection(), transaction);
        var source = d.Rows(command, "r", ["enrollment_id", "sequence", "node_id", "node_type", "decision", "inputs"], rows);
        command.CommandText = $"""
            INSERT INTO enrollment_steps (enrollment_id, sequence, node_id, node_type, decision, inputs, at)
            SELECT r.enrollment_id, {d.Integer("r.sequence")}, r.node_id, r.node_type, r.decision, r.inputs, @now FROM {source}
            """;
        SqlDialect.AddParameter(command, "@now", now);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Adds the batch's effect on the funnel and per-node counts, summed per journey and node.</summary>
    public static async Task UpdateCountersAsync(WaymarkDbContext db, IDbContextTransaction transaction, IReadOnlyList<EnrollmentChange> changes, CancellationToken ct)
    {
        var nodes = new Dictionary<(string Journey, string Node), (long Reached, long Dropoff)>();
        var journeys = new Dictionary<string, (long Active, long Completed, long Exited)>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            var journey = change.Before.JourneyId;
            foreach (var step in change.Steps)
            {
                var n = nodes.GetValueOrDefault((journey, step.NodeId));
                nodes[(journey, step.NodeId)] = (n.Reached + 1, n.Dropoff);
            }
            if (change.DropoffNodeId is { } dropoff)
            {
                var n = nodes.GetValueOrDefault((journey, dropoff));
                nodes[(journey, dropoff)] = (n.Reached, n.Dropoff + 1);
            }
            var j = journeys.GetValueOrDefault(journey);
            journeys[journey] = change.Status switch
            {
                EnrollmentStatus.Completed => (j.Active - 1, j.Completed + 1, j.Exited),
                EnrollmentStatus.Exited => (j.Active - 1, j.Completed, j.Exited + 1),
                _ => j,
            };
        }
        var d = db.Dialect;
        await using var command = Counters.Command(db.Database.GetDbConnection(), transaction);
        // Rows in one fixed order, so two runners locking the same counters cannot deadlock.
        var nodeRows = d.Rows(command, "n", ["journey_id", "node_id", "reached", "dropoff"],
            [.. nodes.OrderBy(kv => kv.Key.Journey, StringComparer.Ordinal).ThenBy(kv => kv.Key.Node, StringComparer.Ordinal).Select(kv => new[] { kv.Key.Journey, kv.Key.Node, SqlDialect.Text(kv.Value.Reached), SqlDialect.Text(kv.Value.Dropoff) })]);
        var journeyRows = d.Rows(command, "j", ["journey_id", "d_active", "d_completed", "d_exited"],
            [.. journeys.Where(kv => kv.Value != default).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new[]
                { kv.Key, SqlDialect.Text(kv.Value.Active), SqlDialect.Text(kv.Value.Completed), SqlDialect.Text(kv.Value.Exited) })]);
        command.CommandText = $"""
            INSERT INTO node_counters (journey_id, node_id, reached, dropoff)
            SELECT r.journey_id, r.node_id, {d.Integer("r.reached")}, {d.Integer("r.dropoff")} FROM {nodeRows} WHERE true
            ON CONFLICT (journey_id, node_id) DO UPDATE
                SET reached = node_counters.reached + excluded.reached, dropoff = node_counters.dropoff + excluded.dropoff;
            UPDATE journey_counters SET
                active = active + {d.Integer("r.d_active")}, completed = completed + {d.Integer("r.d_completed")},
                exited = exited + {d.Integer("r.d_exited")}
            FROM {journeyRows} WHERE journey_counters.journey_id = r.journey_id;
            """;
        await command.ExecuteNonQueryAsync(ct);
    }
}
