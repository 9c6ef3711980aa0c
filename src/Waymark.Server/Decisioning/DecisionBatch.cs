using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Waymark.Domain.Conditions;
using Waymark.Domain.Decisioning;
using Waymark.Server.Persistence;

namespace Waymark.Server.Decisioning;

/// <summary>
/// Everything deciding needs for a batch of customers of one tenant, loaded with a fixed number of
/// queries: the flows named (by key or id), the tenant's active offers, and the decisions made to
/// those customers within the longest contact-policy window among the flows. Deciding is then pure
/// and in memory; what is decided waits in <see cref="Pending"/> for the caller to save, inside
/// its own transaction, once it knows the decision stands.
/// </summary>
public sealed class DecisionBatch
{
    private readonly string _tenantId;
    private readonly DateTime _now;
    private readonly Dictionary<string, LoadedFlow> _flows;
    private readonly IReadOnlyList<OfferCandidate> _offers;

    // Per customer, the offers made and when: loaded history, then this batch's own decisions.
    private readonly Dictionary<string, List<(string OfferId, DateTime At)>> _offered;
    private readonly List<Decision> _pending = [];

    private DecisionBatch(string tenantId, DateTime now, Dictionary<string, LoadedFlow> flows,
        IReadOnlyList<OfferCandidate> offers, Dictionary<string, List<(string OfferId, DateTime At)>> offered)
    {
        _tenantId = tenantId;
        _now = now;
        _flows = flows;
        _offers = offers;
        _offered = offered;
    }

    /// <summary>Rows decided with record = true, not yet saved.</summary>
    public IReadOnlyList<Decision> Pending => _pending;

    /// <param name="customerIds">Whose decision history the contact policy reads; a customer not named counts as never offered anything.</param>
    /// <param name="now">The instant of every decision of the batch: schedules, the contact policy window and the recorded rows.</param>
    public static async Task<DecisionBatch> LoadAsync(WaymarkDbContext db, string tenantId, IReadOnlyCollection<string> flowRefs,
        IReadOnlyCollection<string> customerIds, DateTime now, CancellationToken ct)
    {
        var flows = await LoadFlowsAsync(db, tenantId, flowRefs, ct);

        var offerRows = await db.Offers.AsNoTracking()
            .Where(o => o.TenantId == tenantId && o.Status == OfferStatus.Active)
            .OrderBy(o => o.Id)
            .ToListAsync(ct);
        var offers = offerRows.ConvertAll(OfferCandidates.From);

        var offered = new Dictionary<string, List<(string, DateTime)>>(StringComparer.Ordinal);
        var window = flows.Values.Max(f => f.Settings.ContactPolicyHours);
        var customers = customerIds.Distinct(StringComparer.Ordinal).ToList();
        if (window is { } hours && customers.Count > 0)
        {
            var since = now.AddHours(-hours);
            var history = await db.Decisions.AsNoTracking()
                .Where(d => d.TenantId == tenantId && customers.Contains(d.CustomerId) && d.CreatedAt > since)
                .Select(d => new { d.CustomerId, d.OfferId, d.CreatedAt })
                .ToListAsync(ct);
            foreach (var row in history) OfferedTo(offered, row.CustomerId).Add((row.OfferId, row.CreatedAt));
        }
        return new DecisionBatch(tenantId, now, flows, offers, offered);
    }

    /// <summary>Which of <paramref name="refs"/> name a flow of the tenant, by key or id; <c>default-flow</c> always does.</summary>
    public static async Task<IReadOnlySet<string>> ExistingFlowRefsAsync(
        WaymarkDbContext db, string tenantId, IReadOnlyCollection<string> refs, CancellationToken ct)
    {
        var wanted = refs.Distinct(StringComparer.Ordinal).ToList();
        var found = await db.DecisionFlows.AsNoTracking()
            .Where(f => f.TenantId == tenantId && (wanted.Contains(f.Key) || wanted.Contains(f.Id)))
            .Select(f => new { f.Id, f.Key })
            .ToListAsync(ct);
        var existing = new HashSet<string>(StringComparer.Ordinal) { DecisionFlows.DefaultKey };
        foreach (var flow in found)
        {
            existing.Add(flow.Key);
            existing.Add(flow.Id);
        }
        existing.IntersectWith(wanted.Append(DecisionFlows.DefaultKey));
        return existing;
    }

    public bool HasFlow(string flowRef) => _flows.ContainsKey(flowRef);

    /// <summary>
    /// Runs the flow (FlowSettings.Default for the implicit default-flow) for one customer. When
    /// <paramref name="record"/> is true, adds a pending Decision row per returned offer; pending
    /// rows count for the contact policy of later decisions in the same batch.
    /// </summary>
    /// <param name="fields">What qualifications and filters read.</param>
    /// <param name="customer">The customer's attributes, for propensityScores, relevanceScores and interests.</param>
    /// <param name="limit">Replaces the flow's limit when given.</param>
    /// <exception cref="KeyNotFoundException">The flow was not loaded or does not exist: ask <see cref="HasFlow"/> first.</exception>
    public (DecisionResult Result, IReadOnlyList<Decision> Recorded) Decide(string flowRef, string customerId, IFieldSource fields, JsonElement? customer,
        string? channel, int? limit, bool record, string? journeyId = null, string? enrollmentId = null)
    {
        if (!_flows.TryGetValue(flowRef, out var flow))
        {
            throw new KeyNotFoundException($"Decision flow '{flowRef}' is not part of this batch; check HasFlow first.");
        }

        var request = new DecisionRequest(fields, customer, channel, _now, RecentlyOffered(customerId, flow.Settings.ContactPolicyHours), limit);
        var result = DecisionEngine.Decide(flow.Settings, _offers, request);
        if (!record || result.Ranked.Count == 0) return (result, []);

        var recorded = result.Ranked.Select(ranked => new Decision
        {
            Id = NewRecommendationId(),
            TenantId = _tenantId,
            CustomerId = customerId,
            OfferId = ranked.Offer.Id,
            DecisionFlowKey = flow.Key,
            Rank = ranked.Rank,
            Score = ranked.Score,
            Channel = channel,
            JourneyId = journeyId,
            EnrollmentId = enrollmentId,
            CreatedAt = _now,
        }).ToList();
        _pending.AddRange(recorded);
        OfferedTo(_offered, customerId).AddRange(recorded.Select(d => (d.OfferId, d.CreatedAt)));
        return (result, recorded);
    }

    /// <summary>Inserts the rows with one statement, inside the context's current transaction if there is one.</summary>
    public static async Task SaveAsync(WaymarkDbContext db, IReadOnlyList<Decision> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var d = db.Dialect;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var source = d.Rows(command, "r",
                ["id", "tenant_id", "customer_id", "offer_id", "flow_key", "rnk", "score", "channel", "journey_id", "enrollment_id", "created_at"],
                [.. rows.Select(row => new[]
                {
                    row.Id, row.TenantId, row.CustomerId, row.OfferId, row.DecisionFlowKey, SqlDialect.Text(row.Rank),
                    row.Score.ToString("R", CultureInfo.InvariantCulture), row.Channel, row.JourneyId, row.EnrollmentId, d.Text(row.CreatedAt),
                })]);
            // DOUBLE PRECISION is a real type name in PostgreSQL and has REAL affinity in SQLite.
            command.CommandText = $"""
                INSERT INTO decisions (id, tenant_id, customer_id, offer_id, decision_flow_key, rank, score, channel, journey_id, enrollment_id, created_at)
                SELECT r.id, r.tenant_id, r.customer_id, r.offer_id, r.flow_key, {d.Integer("r.rnk")}, CAST(r.score AS DOUBLE PRECISION),
                       r.channel, r.journey_id, r.enrollment_id, {d.Timestamp("r.created_at")}
                FROM {source}
                """;
            await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // Flows by ref: an id names its flow; otherwise a key does; default-flow is the implicit one
    // unless the tenant stored a flow under that key. Always loads default-flow, which HasFlow promises.
    private static async Task<Dictionary<string, LoadedFlow>> LoadFlowsAsync(
        WaymarkDbContext db, string tenantId, IReadOnlyCollection<string> flowRefs, CancellationToken ct)
    {
        var refs = flowRefs.Append(DecisionFlows.DefaultKey).Distinct(StringComparer.Ordinal).ToList();
        var rows = await db.DecisionFlows.AsNoTracking()
            .Where(f => f.TenantId == tenantId && (refs.Contains(f.Key) || refs.Contains(f.Id)))
            .ToListAsync(ct);
        var flows = new Dictionary<string, LoadedFlow>(StringComparer.Ordinal);
        foreach (var flowRef in refs)
        {
            var row = rows.Find(f => f.Id == flowRef) ?? rows.Find(f => f.Key == flowRef);
            if (row is not null)
            {
                flows[flowRef] = new LoadedFlow(row.Key, DecisionFlows.ParseStored(row.Settings));
            }
            else if (flowRef == DecisionFlows.DefaultKey)
            {
                flows[flowRef] = new LoadedFlow(DecisionFlows.DefaultKey, FlowSettings.Default);
            }
        }
        return flows;
    }

    private HashSet<string> RecentlyOffered(string customerId, int? hours)
    {
        var offered = new HashSet<string>(StringComparer.Ordinal);
        if (hours is not { } window || !_offered.TryGetValue(customerId, out var made)) return offered;
        var since = _now.AddHours(-window);
        foreach (var (offerId, at) in made)
        {
            if (at > since) offered.Add(offerId);
        }
        return offered;
    }

    private static List<(string OfferId, DateTime At)> OfferedTo(Dictionary<string, List<(string OfferId, DateTime At)>> offered, string customerId)
    {
        if (!offered.TryGetValue(customerId, out var list))
        {
            list = [];
            offered[customerId] = list;
        }
        return list;
    }

    // The shape of Ids.New ("rec_" and a version-7 GUID), stamped with the batch's clock.
    private string NewRecommendationId() => $"rec_{Guid.CreateVersion7(new DateTimeOffset(DateTime.SpecifyKind(_now, DateTimeKind.Utc))):N}";

    private sealed record LoadedFlow(string Key, FlowSettings Settings);
}
