using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Waymark.Domain.Definitions;
using Waymark.Domain.Enrollments;
using Waymark.Server.Journeys;
using Waymark.Server.Persistence;

namespace Waymark.Server.Enrollments;

/// <summary>A customer to enroll, with the context (the entering event) its conditions will read.</summary>
public readonly record struct NewEnrollment(string CustomerId, string? Context = null);

/// <summary>
/// Writes a batch of enrollments with a fixed number of statements, whatever the batch size:
/// insert (skipping customers already active, by the partial unique index), their entry step,
/// and the counters analytics reads. New enrollments are due at once, so the runner moves them
/// on to their first wait promptly.
/// </summary>
public sealed class EnrollmentWriter(WaymarkDbContext db, TimeProvider clock)
{
    public const string EntryDecision = "customer enters journey";

    /// <summary>Enrolls in a transaction of its own.</summary>
    /// <returns>How many customers were newly enrolled; the rest were already active.</returns>
    public async Task<int> EnrollAsync(Journey journey, IReadOnlyList<string> customerIds, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var enrolled = await EnrollInTransactionAsync(journey, [.. customerIds.Select(c => new NewEnrollment(c))], ct);
        await transaction.CommitAsync(ct);
        return enrolled.Count;
    }

    /// <summary>Enrolls inside the caller's transaction (an event enters customers where it is stored).</summary>
    /// <returns>The customers newly enrolled.</returns>
    public async Task<IReadOnlyList<string>> EnrollInTransactionAsync(Journey journey, IReadOnlyList<NewEnrollment> customers, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Enrollments are written inside a transaction.");
        var entry = JourneyStore.ParseDefinition(journey.Definition).EntryNode
            ?? throw new InvalidOperationException($"Active journey {journey.Id} has no entry node.");
        var now = clock.UtcNow();
        var rows = customers.DistinctBy(c => c.CustomerId, StringComparer.Ordinal)
            .Select(c => new[] { Ids.New("enr", clock), c.CustomerId, c.Context })
            .ToList();

        var connection = db.Database.GetDbConnection();
        var inserted = await InsertEnrollmentsAsync(connection, transaction, journey, entry.Id, rows, now, ct);
        if (inserted.Count > 0)
        {
            await InsertEntryStepsAsync(connection, transaction, entry, inserted, now, ct);
            await Counters.AddEntriesAsync(connection, transaction, journey.Id, entry.Id, inserted.Count, ct);
        }
        var byId = rows.ToDictionary(r => r[0]!, r => r[1]!, StringComparer.Ordinal);
        return inserted.ConvertAll(id => byId[id]);
    }

    private async Task<List<string>> InsertEnrollmentsAsync(
        DbConnection connection, IDbContextTransaction transaction, Journey journey, string entryNodeId,
        List<string?[]> rows, DateTime now, CancellationToken ct)
    {
        await using var command = Counters.Command(connection, transaction);
        var source = db.Dialect.Rows(command, "r", ["id", "customer_id", "context"], rows);
        command.CommandText = $"""
            INSERT INTO enrollments (id, tenant_id, journey_id, journey_version, customer_id, status, current_node_id,
                                     resume_at, enrolled_at, expires_at, updated_at, step_count, context)
            SELECT r.id, @tenant, @journey, @version, r.customer_id, '{EnrollmentStatus.Active}', @node,
                   @now, @now, @expires, @now, 1, r.context
            FROM {source} WHERE true
            ON CONFLICT (tenant_id, journey_id, customer_id) WHERE status = 'active' DO NOTHING
            RETURNING id
            """;
        SqlDialect.AddParameter(command, "@tenant", journey.TenantId);
        SqlDialect.AddParameter(command, "@journey", journey.Id);
        SqlDialect.AddParameter(command, "@version", journey.Version);
        SqlDialect.AddParameter(command, "@node", entryNodeId);
        SqlDialect.AddParameter(command, "@now", now);
        SqlDialect.AddParameter(command, "@expires", now.AddDays(journey.MaxDurationDays));

        var ids = new List<string>(rows.Count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetString(0));
        return ids;
    }

    private async Task InsertEntryStepsAsync(
        DbConnection connection, IDbContextTransaction transaction, Node entry, List<string> enrollmentIds,
        DateTime now, CancellationToken ct)
    {
        await using var command = Counters.Command(connection, transaction);
        var source = db.Dialect.Rows(command, "r", ["id"], enrollmentIds.ConvertAll(id => new string?[] { id }));
        command.CommandText = $"""
            INSERT INTO enrollment_steps (enrollment_id, sequence, node_id, node_type, decision, at)
            SELECT r.id, 1, @node, @type, @decision, @now FROM {source}
            """;
        SqlDialect.AddParameter(command, "@node", entry.Id);
        SqlDialect.AddParameter(command, "@type", entry.Type);
        SqlDialect.AddParameter(command, "@decision", EntryDecision);
        SqlDialect.AddParameter(command, "@now", now);
        await command.ExecuteNonQueryAsync(ct);
    }
}
