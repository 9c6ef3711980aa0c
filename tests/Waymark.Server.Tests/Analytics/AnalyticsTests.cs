using Waymark.Server.Auth;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Analytics;

public abstract class AnalyticsTests(TestApp app)
{
    [Fact]
    public async Task A_new_journey_has_an_empty_funnel_and_a_row_per_node_in_definition_order()
    {
        var tenant = await app.NewTenantAsync();
        var id = await SampleJourneys.CreateAsync(tenant.Client());

        var response = await tenant.Client(Roles.Viewer).GetJsonAsync($"/api/v1/journeys/{id}/analytics");

        response.AssertStatus(200);
        Assert.Equal(["funnel", "steps"], response.Json.Keys());
        Assert.Equal("""{"totalEntries":0,"activeCount":0,"completedCount":0,"exitedCount":0,"completionRate":0}""", response.Json.GetProperty("funnel").GetRawText());
        Assert.Equal("""{"nodeId":"n1","nodeType":"entry_trigger","reached":0,"dropoff":0}""", response.Json.GetProperty("steps")[0].GetRawText());
        Assert.Equal(["n1", "n2", "n3", "n4", "n5", "n6"], response.Json.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("nodeId").GetString()));
    }

    [Fact]
    public async Task Enrollments_count_as_entries_at_the_entry_node()
    {
        var tenant = await app.NewTenantAsync();
        var id = await SampleJourneys.CreateActiveAsync(tenant.Client());
        (await tenant.Client().PostJsonAsync($"/api/v1/journeys/{id}/enroll", new { customerIds = new[] { "a", "b", "c", "d" } })).AssertStatus(201);
        (await tenant.Client().PostJsonAsync($"/api/v1/journeys/{id}/enroll", new { customerIds = new[] { "d", "e" } })).AssertStatus(201);

        var analytics = (await tenant.Client(Roles.Viewer).GetJsonAsync($"/api/v1/journeys/{id}/analytics")).Json;

        Assert.Equal("""{"totalEntries":5,"activeCount":5,"completedCount":0,"exitedCount":0,"completionRate":0}""", analytics.GetProperty("funnel").GetRawText());
        Assert.Equal(5, analytics.GetProperty("steps")[0].GetProperty("reached").GetInt32());
    }

    [Fact]
    public async Task Analytics_of_an_unknown_journey_is_404()
    {
        var tenant = await app.NewTenantAsync();

        (await tenant.Client(Roles.Viewer).GetJsonAsync("/api/v1/journeys/jrn_none/analytics")).AssertError(404, "NOT_FOUND");
    }
}

public sealed class AnalyticsOnSqlite(SqliteApp app) : AnalyticsTests(app);

public sealed class AnalyticsOnPostgres(PostgresApp app) : AnalyticsTests(app);
