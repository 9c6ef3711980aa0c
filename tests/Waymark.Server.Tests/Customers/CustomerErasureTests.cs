using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Server.Auth;
using Waymark.Server.Persistence;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Customers;

public abstract class CustomerErasureTests(TestApp app)
{
    [Fact]
    public async Task Delete_erases_the_profile_enrollments_history_and_events()
    {
        var tenant = await app.NewTenantAsync();
        var client = tenant.Client();
        var journey = await SampleJourneys.CreateActiveAsync(client);
        (await client.PutJsonAsync("/api/v1/customers/c1", new { attributes = new { tier = "silver" } })).AssertStatus(201);
        (await client.PostJsonAsync($"/api/v1/journeys/{journey}/enroll", new { customerIds = new[] { "c1", "c2" } })).AssertStatus(201);
        var enrollment = (await ListAsync(client, journey, "?customerId=c1"))[0].GetProperty("id").GetString()!;
        await AddEventsAsync(tenant.Id, ("c1", "page_viewed"), ("c1", "purchase"), ("c2", "page_viewed"));

        var response = await tenant.Client(Roles.Admin).DeleteJsonAsync("/api/v1/customers/c1");

        response.AssertStatus(204);
        Assert.Equal(JsonValueKind.Undefined, response.Json.ValueKind);
        (await client.GetJsonAsync("/api/v1/customers/c1")).AssertError(404, "NOT_FOUND");
        Assert.Empty(await ListAsync(client, journey, "?customerId=c1"));
        Assert.Equal(["c2"], (await ListAsync(client, journey, "")).Select(e => e.GetProperty("customerId").GetString()));
        (await client.GetJsonAsync($"/api/v1/journeys/{journey}/enrollments/{enrollment}")).AssertError(404, "NOT_FOUND");
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        Assert.Equal(0, await db.EnrollmentSteps.CountAsync(s => s.EnrollmentId == enrollment));
        Assert.Equal(["c2"], await db.Events.Where(e => e.TenantId == tenant.Id).Select(e => e.CustomerId).ToListAsync());
    }

    [Fact]
    public async Task Active_enrollments_erased_count_as_exits_while_the_totals_stay()
    {
        var tenant = await app.NewTenantAsync();
        var client = tenant.Client();
        var first = await SampleJourneys.CreateActiveAsync(client, "first");
        var second = await SampleJourneys.CreateActiveAsync(client, "second");
        (await client.PostJsonAsync($"/api/v1/journeys/{first}/enroll", new { customerIds = new[] { "c1", "c2" } })).AssertStatus(201);
        (await client.PostJsonAsync($"/api/v1/journeys/{second}/enroll", new { customerId = "c1" })).AssertStatus(201);

        (await tenant.Client(Roles.Admin).DeleteJsonAsync("/api/v1/customers/c1")).AssertStatus(204);

        var firstAnalytics = (await client.GetJsonAsync($"/api/v1/journeys/{first}/analytics")).Json;
        var secondAnalytics = (await client.GetJsonAsync($"/api/v1/journeys/{second}/analytics")).Json;
        Assert.Equal("""{"totalEntries":2,"activeCount":1,"completedCount":0,"exitedCount":1,"completionRate":0}""", firstAnalytics.GetProperty("funnel").GetRawText());
        Assert.Equal("""{"totalEntries":1,"activeCount":0,"completedCount":0,"exitedCount":1,"completionRate":0}""", secondAnalytics.GetProperty("funnel").GetRawText());
        Assert.Equal(1, TotalDropoff(firstAnalytics));
        Assert.Equal(1, TotalDropoff(secondAnalytics));
        Assert.Equal(2, firstAnalytics.GetProperty("steps")[0].GetProperty("reached").GetInt32());
    }

    [Fact]
    public async Task Enrollments_that_had_already_ended_are_erased_without_counting_again()
    {
        var tenant = await app.NewTenantAsync();
        var client = tenant.Client();
        var journey = await SampleJourneys.CreateActiveAsync(client);
        (await client.PostJsonAsync($"/api/v1/journeys/{journey}/enroll", new { customerId = "c1" })).AssertStatus(201);
        (await client.PutJsonAsync($"/api/v1/journeys/{journey}", new { status = "archived" })).AssertStatus(200);
        var before = (await client.GetJsonAsync($"/api/v1/journeys/{journey}/analytics")).Json;

        (await tenant.Client(Roles.Admin).DeleteJsonAsync("/api/v1/customers/c1")).AssertStatus(204);

        var after = (await client.GetJsonAsync($"/api/v1/journeys/{journey}/analytics")).Json;
        Assert.Equal("""{"totalEntries":1,"activeCount":0,"completedCount":0,"exitedCount":1,"completionRate":0}""", after.GetProperty("funnel").GetRawText());
        Assert.Equal(before.GetRawText(), after.GetRawText());
        Assert.Empty(await ListAsync(client, journey, ""));
    }

    [Fact]
    public async Task A_customer_known_only_by_events_is_erased()
    {
        var tenant = await app.NewTenantAsync();
        await AddEventsAsync(tenant.Id, ("c1", "page_viewed"));

        (await tenant.Client(Roles.Admin).DeleteJsonAsync("/api/v1/customers/c1")).AssertStatus(204);

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        Assert.Equal(0, await db.Events.CountAsync(e => e.TenantId == tenant.Id));
    }

    [Fact]
    public async Task A_customer_known_only_by_a_profile_is_erased_once()
    {
        var tenant = await app.NewTenantAsync();
        (await tenant.Client().PutJsonAsync("/api/v1/customers/c1", new { attributes = new { } })).AssertStatus(201);
        var admin = tenant.Client(Roles.Admin);

        (await admin.DeleteJsonAsync("/api/v1/customers/c1")).AssertStatus(204);
        (await admin.DeleteJsonAsync("/api/v1/customers/c1")).AssertError(404, "NOT_FOUND");
    }

    [Fact]
    public async Task Deleting_a_customer_the_tenant_never_saw_is_404()
    {
        var tenant = await app.NewTenantAsync();

        (await tenant.Client(Roles.Admin).DeleteJsonAsync("/api/v1/customers/nobody")).AssertError(404, "NOT_FOUND");
    }

    [Fact]
    public async Task Erasure_stays_within_the_tenant()
    {
        var mine = await app.NewTenantAsync();
        var theirs = await app.NewTenantAsync();
        var journey = await SampleJourneys.CreateActiveAsync(theirs.Client());
        (await theirs.Client().PutJsonAsync("/api/v1/customers/c1", new { attributes = new { tier = "silver" } })).AssertStatus(201);
        (await theirs.Client().PostJsonAsync($"/api/v1/journeys/{journey}/enroll", new { customerId = "c1" })).AssertStatus(201);
        await AddEventsAsync(theirs.Id, ("c1", "page_viewed"));

        (await mine.Client(Roles.Admin).DeleteJsonAsync("/api/v1/customers/c1")).AssertError(404, "NOT_FOUND");

        (await theirs.Client().GetJsonAsync("/api/v1/customers/c1")).AssertStatus(200);
        Assert.Single(await ListAsync(theirs.Client(), journey, "?status=active"));
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        Assert.Equal(1, await db.Events.CountAsync(e => e.TenantId == theirs.Id));
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string journey, string query)
    {
        var response = await client.GetJsonAsync($"/api/v1/journeys/{journey}/enrollments{query}");
        response.AssertStatus(200);
        return [.. response.Json.GetProperty("data").EnumerateArray()];
    }

    private static int TotalDropoff(JsonElement analytics) =>
        analytics.GetProperty("steps").EnumerateArray().Sum(s => s.GetProperty("dropoff").GetInt32());

    private async Task AddEventsAsync(string tenantId, params (string CustomerId, string EventType)[] events)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        var now = DateTime.SpecifyKind(new DateTime(2026, 3, 1, 12, 0, 0), DateTimeKind.Utc);
        foreach (var (customerId, eventType) in events)
        {
            db.Events.Add(new CustomerEvent
            {
                Id = $"evt_{Guid.NewGuid():N}",
                TenantId = tenantId,
                EventType = eventType,
                CustomerId = customerId,
                OccurredAt = now,
                ReceivedAt = now,
            });
        }
        await db.SaveChangesAsync();
    }
}

public sealed class CustomerErasureOnSqlite(SqliteApp app) : CustomerErasureTests(app);

public sealed class CustomerErasureOnPostgres(PostgresApp app) : CustomerErasureTests(app);
