using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Waymark.Domain.Definitions;
using Waymark.Domain.Enrollments;
using Waymark.Server.Journeys;
using Waymark.Server.Persistence;

namespace Waymark.Server.Enrollments;

/// <summary>
/// Writes a batch of enrollments in one transaction with a fixed number of statements, whatever
/// the batch size: insert (skipping customers already active, by the partial unique index),
/// their entry step, and the counters analytics reads.
/// </summary>
public sealed class EnrollmentWriter(WaymarkDbContext db, TimeProvider clock)
{
    public const string EntryDecision = "customer enters journey";

    /// <returns>How many customers were newly enrolled; the rest were already active.</returns>
    public async Task<int> EnrollAsync(Journey journey, IReadOnlyList<string> customerIds, CancellationToken ct)
    {
        var definition = DefinitionParser.Parse(JourneyStore.ParseJson(journey.Definition)).Definition
            ?? throw new InvalidOperationException($"Journey {journey.Id} has an unreadable definition.");
        var entry = definition.EntryNode
            ?? throw new InvalidOperationException($"Active journey {journey.Id} has no entry node.");
        var now = clock.UtcNow();
        var rows = customerIds.Distinct(StringComparer.Ordinal)
            .Select(customer => new[] { Ids.New("enr", clock), customer })
            .ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var inserted = await InsertEnrollmentsAsync(connection, transaction, journey, entry.Id, rows, now, ct);
        if (inserted.Count > 0)
        {
            await InsertEntryStepsAsync(connection, transaction, entry, inserted, now, ct);
            await Counters.AddEntriesAsync(connection, transaction, journey.Id, entry.Id, inserted.Count, ct);
        }
        await transaction.CommitAsync(ct);
        return inserted.Count;
    }

    private async Task<List<string>> InsertEnrollmentsAsync(
        DbConnection connection, IDbContextTransaction transaction, Journey journey, string entryNodeId,
        List<string[]> rows, DateTime now, CancellationToken ct)
    {
        await using var command = Counters.Command(connection, transaction);
        var source = db.Dialect.Rows(command, "r", ["id", "customer_id"], rows);
        command.CommandText = $"""
            INSERT INTO enrollments (id, tenant_id, journey_id, journey_version, customer_id, status,
                                     current_node_id, enrolled_at, expires_at, updated_at, step_count)
            SELECT r.id, @tenant, @journey, @version, r.customer_id, '{EnrollmentStatus.Active}',
                   @node, @now, @expires, @now, 1
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
        var source = db.Dialect.Rows(command, "r", ["id"], enrollmentIds.ConvertAll(id => new[] { id }));
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
