using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Waymark.Domain.Conditions;
using Waymark.Domain.Definitions;
using Waymark.Domain.Enrollments;
using Waymark.Domain.EntryConditions;
using Waymark.Domain.Journeys;
using Waymark.Server.Enrollments;
using Waymark.Server.Journeys;
using Waymark.Server.Persistence;
using Waymark.Server.Runtime;

namespace Waymark.Server.Events;

/// <summary>
/// Stores a batch of events and, in the same transaction, enters their customers into the active
/// journeys those events trigger and resumes the enrollments waiting for them (SPEC §8). A fixed
/// number of statements per batch, plus one enroll per triggered journey.
/// </summary>
public sealed class EventIngest(WaymarkDbContext db, EnrollmentWriter writer, TimeProvider clock)
{
    private sealed record Stored(EventInput Input, string Id, DateTime OccurredAt, bool Duplicate)
    {
        public List<string> Entered { get; } = [];
        public int Resumed { get; set; }
    }

    public async Task<EventsAccepted> IngestAsync(string tenant, IReadOnlyList<EventInput> inputs, CancellationToken ct)
    {
        var now = clock.UtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var stored = await StoreAsync(tenant, inputs, now, transaction, ct);
        var fresh = stored.Where(s => !s.Duplicate).ToList();
        if (fresh.Count > 0)
        {
            await EnterJourneysAsync(tenant, fresh, ct);
            await ResumeWaitingAsync(tenant, fresh, now, transaction, ct);
        }
        await transaction.CommitAsync(ct);

        var results = stored.ConvertAll(s => new EventResult(
            s.Input.EventType, s.Id, s.Input.CustomerId, s.Input.EventId, s.Duplicate, s.Entered, s.Resumed));
        return new EventsAccepted(fresh.Count, results);
    }

    // Inserts every event; one whose eventId the tenant has sent before is skipped by the unique index.
    private async Task<List<Stored>> StoreAsync(string tenant, IReadOnlyList<EventInput> inputs, DateTime now, IDbContextTransaction transaction, CancellationToken ct)
    {
        var d = db.Dialect;
        var rows = inputs.Select(i => new[]
        {
            Ids.New("evt", clock), i.EventId, i.EventType, i.CustomerId, i.Properties?.GetRawText(), d.Text(i.Timestamp ?? now),
        }).ToList<string?[]>();
        await using var command = Counters.Command(db.Database.GetDbConnection(), transaction);
        var source = d.Rows(command, "r", ["id", "event_id", "event_type", "customer_id", "properties", "occurred_at"], rows);
        command.CommandText = $"""
            INSERT INTO events (id, tenant_id, event_id, event_type, customer_id, properties, occurred_at, received_at)
            SELECT r.id, @tenant, r.event_id, r.event_type, r.customer_id, r.properties, {d.Timestamp("r.occurred_at")}, @now
            FROM {source} WHERE true
            ON CONFLICT (tenant_id, event_id) WHERE event_id IS NOT NULL DO NOTHING
            RETURNING id
            """;
        SqlDialect.AddParameter(command, "@tenant", tenant);
        SqlDialect.AddParameter(command, "@now", now);
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) inserted.Add(reader.GetString(0));
        }

        // A repeat answers with the id the event got the first time.
        var repeatIds = rows.Where(r => !inserted.Contains(r[0]!)).Select(r => r[1]!).Distinct().ToList();
        var firstIds = repeatIds.Count == 0 ? [] : await db.Events.AsNoTracking()
            .Where(e => e.TenantId == tenant && repeatIds.Contains(e.EventId!))
            .ToDictionaryAsync(e => e.EventId!, e => e.Id, StringComparer.Ordinal, ct);
        return [.. inputs.Select((input, i) => inserted.Contains(rows[i][0]!)
            ? new Stored(input, rows[i][0]!, input.Timestamp ?? now, Duplicate: false)
            : new Stored(input, firstIds.GetValueOrDefault(input.EventId!, rows[i][0]!), input.Timestamp ?? now, Duplicate: true))];
    }

    // Active journeys whose entry event matches, whose entry conditions hold on the event's properties.
    private async Task EnterJourneysAsync(string tenant, List<Stored> events, CancellationToken ct)
    {
        var types = events.Select(e => e.Input.EventType).Distinct().ToList();
        var journeys = await db.Journeys.AsNoTracking()
            .Where(j => j.TenantId == tenant && j.Status == JourneyStatus.Active && j.EntryEvent != null && types.Contains(j.EntryEvent))
            .OrderBy(j => j.CreatedAt).ThenBy(j => j.Id)
            .ToListAsync(ct);
        foreach (var journey in journeys)
        {
            var conditions = EntryConditionsOf(journey);
            var candidates = new List<(Stored Event, NewEnrollment Enrollment)>();
            foreach (var e in events.Where(e => e.Input.EventType == journey.EntryEvent))
            {
                var properties = e.Input.Properties;
                var fields = new RuntimeFieldSource(properties, properties, null);
                if (!conditions.All(c => c.Evaluate(fields))) continue;
                var context = EnrollmentContext.Empty.WithEvent(e.Input.EventType, e.Id, properties, e.OccurredAt).ToJson();
                candidates.Add((e, new NewEnrollment(e.Input.CustomerId, context)));
            }
            if (candidates.Count == 0) continue;
            var entered = await writer.EnrollInTransactionAsync(journey, [.. candidates.Select(c => c.Enrollment)], ct);
            foreach (var customer in entered)
            {
                candidates.First(c => c.Enrollment.CustomerId == customer).Event.Entered.Add(journey.Id);
            }
        }
    }

    private static List<Condition> EntryConditionsOf(Journey journey)
    {
        var conditions = new List<Condition>();
        if (journey.EntryCondition is not null && EntryConditionParser.Read(JourneyStore.ParseJson(journey.EntryCondition)).Condition is { } onJourney)
        {
            conditions.Add(onJourney);
        }
        if (JourneyStore.ParseDefinition(journey.Definition).EntryNode is { } entry && NodeConfig.EntryCondition(entry) is { } onNode)
        {
            conditions.Add(onNode);
        }
        return conditions;
    }

    // Enrollments of these customers waiting for these event types, whose wait began no later than the event.
    private async Task ResumeWaitingAsync(string tenant, List<Stored> events, DateTime now, IDbContextTransaction transaction, CancellationToken ct)
    {
        var customers = events.Select(e => e.Input.CustomerId).Distinct().ToList();
        var types = events.Select(e => e.Input.EventType).Distinct().ToList();
        var waiting = await db.Enrollments.AsNoTracking()
            .Where(e => e.TenantId == tenant && e.Status == EnrollmentStatus.Active && customers.Contains(e.CustomerId)
                && e.WaitingForEvent != null && types.Contains(e.WaitingForEvent))
            .Select(e => new { e.Id, e.CustomerId, e.WaitingForEvent, e.WaitStartedAt, e.Context })
            .ToListAsync(ct);
        if (waiting.Count == 0) return;

        var resumes = new List<(Stored Event, string EnrollmentId, string Type, string? Context)>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events.OrderBy(e => e.OccurredAt))
        {
            foreach (var w in waiting.Where(w => w.CustomerId == e.Input.CustomerId && w.WaitingForEvent == e.Input.EventType
                         && w.WaitStartedAt <= e.OccurredAt && taken.Add(w.Id)))
            {
                var context = EnrollmentContext.Parse(w.Context).WithEvent(e.Input.EventType, e.Id, e.Input.Properties, e.OccurredAt).ToJson();
                resumes.Add((e, w.Id, e.Input.EventType, context));
            }
        }
        if (resumes.Count == 0) return;

        await using var command = Counters.Command(db.Database.GetDbConnection(), transaction);
        var source = db.Dialect.Rows(command, "r", ["id", "event_type", "context"], [.. resumes.OrderBy(r => r.EnrollmentId, StringComparer.Ordinal).Select(r => new[] { r.EnrollmentId, r.Type, r.Context })]);
        // Guarded by the awaited type: if the timer already ended the wait, the event does not resume it again.
        command.CommandText = $"""
            UPDATE enrollments SET resume_at = @now, waiting_for_event = NULL, context = r.context, updated_at = @now
            FROM {source}
            WHERE enrollments.id = r.id AND enrollments.status = '{EnrollmentStatus.Active}' AND enrollments.waiting_for_event = r.event_type
            RETURNING enrollments.id
            """;
        SqlDialect.AddParameter(command, "@now", now);
        var resumed = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) resumed.Add(reader.GetString(0));
        }
        foreach (var r in resumes.Where(r => resumed.Contains(r.EnrollmentId))) r.Event.Resumed++;
    }
}
