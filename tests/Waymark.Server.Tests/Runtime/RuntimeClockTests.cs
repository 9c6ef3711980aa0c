using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Runtime;

public abstract class RuntimeClockTests(TestApp fixture)
{
    private async Task<ClockedApp> StartAsync()
    {
        Databases.SkipUnlessAvailable(fixture.UnavailableReason);
        return await ClockedApp.StartAsync(fixture.Provider);
    }

    [Fact]
    public async Task A_48_hour_wait_ends_only_once_the_clock_passes_it()
    {
        await using var app = await StartAsync();
        var journey = await SampleJourneys.CreateActiveAsync(app.Client);
        (await app.Client.PostJsonAsync($"/api/v1/journeys/{journey}/enroll", new { customerId = "c1" })).AssertStatus(201);
        await app.RunDueAsync();

        var early = await app.AdvanceAndRunAsync(TimeSpan.FromHours(47) + TimeSpan.FromMinutes(59));
        var stillWaiting = await RuntimeJourneys.EnrollmentOfAsync(app.Client, journey, "c1");
        var due = await app.AdvanceAndRunAsync(TimeSpan.FromMinutes(1));
        var done = await RuntimeJourneys.EnrollmentOfAsync(app.Client, journey, "c1");

        Assert.Equal(0, early);
        Assert.Equal("n6", stillWaiting.GetProperty("currentNodeId").GetString());
        Assert.Equal(1, due);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal("2026-03-18T09:00:00.000Z", done.GetProperty("history")[3].GetProperty("at").GetString());
    }

    [Fact]
    public async Task An_awaited_event_ends_a_wait_before_its_timer()
    {
        await using var app = await StartAsync();
        var journey = await RuntimeJourneys.CreateActiveAsync(app.Client, RuntimeJourneys.WaitForPurchase);
        (await app.Client.PostJsonAsync($"/api/v1/journeys/{journey}/enroll", new { customerId = "c1" })).AssertStatus(201);
        await app.RunDueAsync();

        app.Clock.Advance(TimeSpan.FromHours(1));
        (await app.Client.PostJsonAsync("/api/v1/events", new { eventType = "purchase", customerId = "c1", properties = new { amount = 20 } })).AssertStatus(202);
        await app.RunDueAsync();
        var enrollment = await RuntimeJourneys.EnrollmentOfAsync(app.Client, journey, "c1");

        Assert.Equal("completed", enrollment.GetProperty("status").GetString());
        Assert.Equal("small", enrollment.GetProperty("currentNodeId").GetString());
        Assert.Equal("2026-03-16T10:00:00.000Z", enrollment.GetProperty("endedAt").GetString());
    }

    [Fact]
    public async Task When_the_timer_ends_a_wait_first_a_later_event_changes_nothing()
    {
        await using var app = await StartAsync();
        var journey = await RuntimeJourneys.CreateActiveAsync(app.Client, RuntimeJourneys.WaitForPurchase);
        (await app.Client.PostJsonAsync($"/api/v1/journeys/{journey}/enroll", new { customerId = "c1" })).AssertStatus(201);
        await app.RunDueAsync();

        await app.AdvanceAndRunAsync(TimeSpan.FromHours(72));
        var late = await app.Client.PostJsonAsync("/api/v1/events", new { eventType = "purchase", customerId = "c1", properties = new { amount = 500 } });
        var enrollment = await RuntimeJourneys.EnrollmentOfAsync(app.Client, journey, "c1");

        Assert.Equal(0, late.Json.GetProperty("results")[0].GetProperty("resumed").GetInt32());
        Assert.Equal("small", enrollment.GetProperty("currentNodeId").GetString());
        Assert.Equal("""{"event.amount":null}""", enrollment.GetProperty("history")[2].GetProperty("inputs").GetRawText());
    }

    [Fact]
    public async Task An_enrollment_past_maxDurationDays_exits_where_it_stands()
    {
        await using var app = await StartAsync();
        var journey = await RuntimeJourneys.CreateActiveAsync(app.Client, RuntimeJourneys.WaitForPurchase, maxDurationDays: 1);
        (await app.Client.PostJsonAsync($"/api/v1/journeys/{journey}/enroll", new { customerId = "c1" })).AssertStatus(201);
        await app.RunDueAsync();

        await app.AdvanceAndRunAsync(TimeSpan.FromHours(25));
        var enrollment = await RuntimeJourneys.EnrollmentOfAsync(app.Client, journey, "c1");
        var analytics = (await app.Client.GetJsonAsync($"/api/v1/journeys/{journey}/analytics")).Json;

        Assert.Equal("exited", enrollment.GetProperty("status").GetString());
        Assert.Equal("max_duration", enrollment.GetProperty("exitReason").GetString());
        Assert.Equal("""{"totalEntries":1,"activeCount":0,"completedCount":0,"exitedCount":1,"completionRate":0}""", analytics.GetProperty("funnel").GetRawText());
        Assert.Equal(1, analytics.GetProperty("steps")[1].GetProperty("dropoff").GetInt32());
    }

    [Fact]
    public async Task In_flight_enrollments_finish_on_the_version_they_started_with()
    {
        await using var app = await StartAsync();
        var journey = await SampleJourneys.CreateActiveAsync(app.Client);
        (await app.Client.PostJsonAsync($"/api/v1/journeys/{journey}/enroll", new { customerId = "before" })).AssertStatus(201);
        await app.RunDueAsync();
        // Version 2 sends the false branch straight to the exit, skipping the wait.
        var edited = SampleJourneys.ValidDefinition
            .Replace("""{"id": "e5", "source": "n2", "target": "n6", "sourceHandle": "false"}""", """{"id": "e5", "source": "n2", "target": "n5", "sourceHandle": "false"}""", StringComparison.Ordinal)
            .Replace("""{"id": "e6", "source": "n6", "target": "n5"}""", "", StringComparison.Ordinal)
            .Replace("""{"id": "n6", "type": "wait", "config": {"delayHours": 48}}""", "", StringComparison.Ordinal)
            .Replace("},\n            \n", "}\n", StringComparison.Ordinal);
        var put = await app.Client.PutJsonAsync($"/api/v1/journeys/{journey}", $$"""{"definition": {{FixCommas(edited)}}}""");
        put.AssertStatus(200);

        (await app.Client.PostJsonAsync($"/api/v1/journeys/{journey}/enroll", new { customerId = "after" })).AssertStatus(201);
        await app.RunDueAsync();
        var after = await RuntimeJourneys.EnrollmentOfAsync(app.Client, journey, "after");
        await app.AdvanceAndRunAsync(TimeSpan.FromHours(48));
        var before = await RuntimeJourneys.EnrollmentOfAsync(app.Client, journey, "before");

        Assert.Equal(2, put.Json.GetProperty("version").GetInt32());
        Assert.Equal(2, after.GetProperty("journeyVersion").GetInt32());
        Assert.Equal(["n1", "n2", "n5"], after.GetProperty("history").EnumerateArray().Select(s => s.GetProperty("nodeId").GetString()));
        Assert.Equal(1, before.GetProperty("journeyVersion").GetInt32());
        Assert.Equal(["n1", "n2", "n6", "n5"], before.GetProperty("history").EnumerateArray().Select(s => s.GetProperty("nodeId").GetString()));
    }

    [Fact]
    public async Task A_customer_who_finished_may_enter_again()
    {
        await using var app = await StartAsync();
        var journey = await SampleJourneys.CreateActiveAsync(app.Client);
        (await app.Client.PutJsonAsync("/api/v1/customers/c1", new { attributes = new { tier = "gold" } })).AssertStatus(201);
        (await app.Client.PostJsonAsync($"/api/v1/journeys/{journey}/enroll", new { customerId = "c1" })).AssertStatus(201);
        var whileActive = await app.Client.PostJsonAsync($"/api/v1/journeys/{journey}/enroll", new { customerId = "c1" });
        await app.RunDueAsync();

        var again = await app.Client.PostJsonAsync($"/api/v1/journeys/{journey}/enroll", new { customerId = "c1" });
        await app.RunDueAsync();
        var funnel = await RuntimeJourneys.FunnelAsync(app.Client, journey);

        Assert.Equal(1, whileActive.Json.GetProperty("skipped").GetInt32());
        Assert.Equal(1, again.Json.GetProperty("enrolled").GetInt32());
        Assert.Equal("""{"totalEntries":2,"activeCount":0,"completedCount":2,"exitedCount":0,"completionRate":1}""", funnel.GetRawText());
    }

    [Fact]
    public async Task Waits_that_fell_due_while_paused_run_on_resume()
    {
        await using var app = await StartAsync();
        var journey = await SampleJourneys.CreateActiveAsync(app.Client);
        (await app.Client.PostJsonAsync($"/api/v1/journeys/{journey}/enroll", new { customerId = "c1" })).AssertStatus(201);
        await app.RunDueAsync();
        (await app.Client.PutJsonAsync($"/api/v1/journeys/{journey}", new { status = "paused" })).AssertStatus(200);

        var whilePaused = await app.AdvanceAndRunAsync(TimeSpan.FromHours(50));
        (await app.Client.PutJsonAsync($"/api/v1/journeys/{journey}", new { status = "active" })).AssertStatus(200);
        var onResume = await app.RunDueAsync();

        Assert.Equal(0, whilePaused);
        Assert.Equal(1, onResume);
        Assert.Equal("completed", (await RuntimeJourneys.EnrollmentOfAsync(app.Client, journey, "c1")).GetProperty("status").GetString());
    }

    private static string FixCommas(string json) =>
        System.Text.RegularExpressions.Regex.Replace(json, @",(\s*[\]}])", "$1");
}

public sealed class RuntimeClockOnSqlite(SqliteApp fixture) : RuntimeClockTests(fixture);

public sealed class RuntimeClockOnPostgres(PostgresApp fixture) : RuntimeClockTests(fixture);
