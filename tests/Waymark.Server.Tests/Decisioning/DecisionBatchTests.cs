using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Domain.Conditions;
using Waymark.Server.Decisioning;
using Waymark.Server.Persistence;
using Waymark.Server.Tests.Infrastructure;
using Waymark.Server.Tests.Offers;

namespace Waymark.Server.Tests.Decisioning;

/// <summary>The host's decision service as the journey runtime uses it: many customers, one load, one insert.</summary>
public abstract class DecisionBatchTests(TestApp app)
{
    private static readonly JsonElement NoAttributes = JsonDocument.Parse("{}").RootElement;

    [Fact]
    public async Task Decisions_of_one_batch_count_for_the_contact_policy_of_later_ones()
    {
        var tenant = await app.NewTenantAsync();
        var best = await SampleOffers.CreateAsync(tenant.Client(), "Best", new { priority = 90 });
        var next = await SampleOffers.CreateAsync(tenant.Client(), "Next", new { priority = 60 });
        await SampleOffers.CreateFlowAsync(tenant.Client(), "polite", new { contactPolicy = new { hours = 24 } });
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();

        var batch = await DecisionBatch.LoadAsync(db, tenant.Id, ["polite"], ["c1", "c2"], Now(), CancellationToken.None);
        var first = Decide(batch, "polite", "c1", record: true, journeyId: "jrn_1", enrollmentId: "enr_1");
        var second = Decide(batch, "polite", "c1", record: true);
        var otherCustomer = Decide(batch, "polite", "c2", record: true);

        Assert.Equal(best, Assert.Single(first.Recorded).OfferId);
        Assert.Equal(next, Assert.Single(second.Recorded).OfferId);
        Assert.Equal(best, Assert.Single(otherCustomer.Recorded).OfferId);
        Assert.Equal(3, batch.Pending.Count);
        var recorded = first.Recorded[0];
        Assert.StartsWith("rec_", recorded.Id, StringComparison.Ordinal);
        Assert.Equal(("jrn_1", "enr_1", "polite", 1), (recorded.JourneyId, recorded.EnrollmentId, recorded.DecisionFlowKey, recorded.Rank));
    }

    [Fact]
    public async Task Saving_joins_the_callers_transaction()
    {
        var tenant = await app.NewTenantAsync();
        await SampleOffers.CreateAsync(tenant.Client(), "Only");
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        var batch = await DecisionBatch.LoadAsync(db, tenant.Id, ["default-flow"], ["c1"], Now(), CancellationToken.None);
        var (_, recorded) = Decide(batch, "default-flow", "c1", record: true, journeyId: "jrn_1", enrollmentId: "enr_1");

        await using (var rolledBack = await db.Database.BeginTransactionAsync())
        {
            await DecisionBatch.SaveAsync(db, recorded, CancellationToken.None);
            await rolledBack.RollbackAsync();
        }
        var afterRollback = await db.Decisions.AsNoTracking().CountAsync(d => d.TenantId == tenant.Id);
        await using (var committed = await db.Database.BeginTransactionAsync())
        {
            await DecisionBatch.SaveAsync(db, recorded, CancellationToken.None);
            await committed.CommitAsync();
        }
        var saved = await db.Decisions.AsNoTracking().SingleAsync(d => d.TenantId == tenant.Id);

        Assert.Equal(0, afterRollback);
        Assert.Equal(recorded[0].Id, saved.Id);
        Assert.Equal(("c1", "jrn_1", "enr_1", "default-flow"), (saved.CustomerId, saved.JourneyId, saved.EnrollmentId, saved.DecisionFlowKey));
        Assert.Equal(recorded[0].CreatedAt, saved.CreatedAt);
        Assert.Equal(recorded[0].Score, saved.Score, 12);
    }

    [Fact]
    public async Task Without_record_nothing_is_pending()
    {
        var tenant = await app.NewTenantAsync();
        var only = await SampleOffers.CreateAsync(tenant.Client(), "Only");
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();

        // As a simulation loads it: no customers, nothing recorded.
        var batch = await DecisionBatch.LoadAsync(db, tenant.Id, ["default-flow"], [], Now(), CancellationToken.None);
        var (result, recorded) = Decide(batch, "default-flow", "", record: false);

        Assert.Equal(only, Assert.Single(result.Ranked).Offer.Id);
        Assert.Empty(recorded);
        Assert.Empty(batch.Pending);
    }

    [Fact]
    public async Task Flows_are_found_by_key_or_id_and_default_flow_always_exists()
    {
        var tenant = await app.NewTenantAsync();
        var id = (await tenant.Client().PostJsonAsync("/api/v1/decision-flows", new { key = "main" })).Json.GetProperty("id").GetString()!;
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();

        var existing = await DecisionBatch.ExistingFlowRefsAsync(db, tenant.Id, ["main", id, "missing"], CancellationToken.None);
        var batch = await DecisionBatch.LoadAsync(db, tenant.Id, [id, "missing"], [], Now(), CancellationToken.None);

        Assert.Equal(["default-flow", id, "main"], existing.Order(StringComparer.Ordinal));
        Assert.True(batch.HasFlow(id));
        Assert.True(batch.HasFlow("default-flow"));
        Assert.False(batch.HasFlow("missing"));
        Assert.Throws<KeyNotFoundException>(() => Decide(batch, "missing", "c1", record: true));
    }

    [Fact]
    public async Task A_flow_named_by_id_records_its_key()
    {
        var tenant = await app.NewTenantAsync();
        await SampleOffers.CreateAsync(tenant.Client(), "Only");
        var id = (await tenant.Client().PostJsonAsync("/api/v1/decision-flows", new { key = "main" })).Json.GetProperty("id").GetString()!;
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();

        var batch = await DecisionBatch.LoadAsync(db, tenant.Id, [id], ["c1"], Now(), CancellationToken.None);

        Assert.Equal("main", Assert.Single(Decide(batch, id, "c1", record: true).Recorded).DecisionFlowKey);
    }

    private static (Waymark.Domain.Decisioning.DecisionResult Result, IReadOnlyList<Decision> Recorded) Decide(
        DecisionBatch batch, string flow, string customer, bool record, string? journeyId = null, string? enrollmentId = null) =>
        batch.Decide(flow, customer, new RuntimeFieldSource(NoAttributes, null, null), NoAttributes, null, null, record, journeyId, enrollmentId);

    private static DateTime Now() => TimeProvider.System.UtcNow();
}

public sealed class DecisionBatchOnSqlite(SqliteApp app) : DecisionBatchTests(app);

public sealed class DecisionBatchOnPostgres(PostgresApp app) : DecisionBatchTests(app);
