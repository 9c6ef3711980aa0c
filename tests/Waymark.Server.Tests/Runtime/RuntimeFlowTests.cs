using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Runtime;

public abstract class RuntimeFlowTests(TestApp app)
{
    [Fact]
    public async Task An_enrolled_customer_runs_at_once_up_to_the_first_wait()
    {
        var client = (await app.NewTenantAsync()).Client();
        var journey = await SampleJourneys.CreateActiveAsync(client);
        (await client.PostJsonAsync($"/api/v1/journeys/{journey}/enroll", new { customerId = "c1" })).AssertStatus(201);

        await app.RunDueAsync();
        var enrollment = await RuntimeJourneys.EnrollmentOfAsync(client, journey, "c1");

        Assert.Equal(["n1: customer enters journey", "n2: condition not met (false branch)", "n6: wait 48h"], RuntimeJourneys.Decisions(enrollment));
        Assert.Equal("active", enrollment.GetProperty("status").GetString());
        Assert.Equal("n6", enrollment.GetProperty("currentNodeId").GetString());
        var enrolled = enrollment.GetProperty("enrolledAt").GetDateTime();
        var waited = enrollment.GetProperty("resumeAt").GetDateTime() - enrolled;
        Assert.InRange(waited, TimeSpan.FromHours(48), TimeSpan.FromHours(48) + TimeSpan.FromSeconds(30));
        Assert.Equal("""{"tier":null}""", enrollment.GetProperty("history")[1].GetProperty("inputs").GetRawText());
    }

    [Fact]
    public async Task Attributes_set_through_the_customers_API_choose_the_branch()
    {
        var client = (await app.NewTenantAsync()).Client();
        var journey = await SampleJourneys.CreateActiveAsync(client);
        (await client.PutJsonAsync("/api/v1/customers/gold-1", new { attributes = new { tier = "gold" } })).AssertStatus(201);
        (await client.PostJsonAsync($"/api/v1/journeys/{journey}/enroll", new { customerIds = new[] { "gold-1", "plain-1" } })).AssertStatus(201);

        await app.RunDueAsync();
        var gold = await RuntimeJourneys.EnrollmentOfAsync(client, journey, "gold-1");
        var funnel = await RuntimeJourneys.FunnelAsync(client, journey);

        Assert.Equal("completed", gold.GetProperty("status").GetString());
        Assert.Equal(
            ["n1: customer enters journey", "n2: condition met (true branch)", "n3: NBA decision requested (decision flow: default-flow): no offer", "n4: send via email", "n5: journey complete"],
            RuntimeJourneys.Decisions(gold));
        Assert.Equal("""{"totalEntries":2,"activeCount":1,"completedCount":1,"exitedCount":0,"completionRate":0.5}""", funnel.GetRawText());
    }

    [Fact]
    public async Task A_thousand_customers_split_exactly_as_their_attributes_say()
    {
        var client = (await app.NewTenantAsync()).Client();
        var journey = await SampleJourneys.CreateActiveAsync(client);
        var customers = Enumerable.Range(0, 1000).Select(i => new { customerId = $"c{i}", attributes = new { tier = i % 4 == 0 ? "gold" : "silver" } }).ToArray();
        (await client.PostJsonAsync("/api/v1/customers/batch", new { customers })).AssertStatus(200);
        (await client.PostJsonAsync($"/api/v1/journeys/{journey}/enroll", new { customerIds = customers.Select(c => c.customerId) })).AssertStatus(201);

        await app.RunDueAsync();
        var analytics = (await client.GetJsonAsync($"/api/v1/journeys/{journey}/analytics")).Json;

        Assert.Equal("""{"totalEntries":1000,"activeCount":750,"completedCount":250,"exitedCount":0,"completionRate":0.25}""", analytics.GetProperty("funnel").GetRawText());
        var reached = analytics.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("nodeId").GetString()!, s => s.GetProperty("reached").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["n1"] = 1000, ["n2"] = 1000, ["n3"] = 250, ["n4"] = 250, ["n5"] = 250, ["n6"] = 750 }, reached);
    }

    [Fact]
    public async Task An_event_enters_customers_whose_event_meets_the_entry_condition()
    {
        var client = (await app.NewTenantAsync()).Client();
        var journey = await RuntimeJourneys.CreateActiveAsync(client, RuntimeJourneys.WaitForPurchase, "signup",
            new { @event = "signup", condition = new { field = "plan", @operator = "eq", value = "pro" } });

        var posted = await client.PostJsonAsync("/api/v1/events", new object[]
        {
            new { eventType = "signup", customerId = "pro-1", properties = new { plan = "pro" } },
            new { eventType = "signup", customerId = "free-1", properties = new { plan = "free" } },
            new { eventType = "login", customerId = "pro-1" },
        });

        posted.AssertStatus(202);
        Assert.Equal(3, posted.Json.GetProperty("accepted").GetInt32());
        var results = posted.Json.GetProperty("results");
        Assert.Equal([journey], results[0].GetProperty("entered").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(results[1].GetProperty("entered").EnumerateArray());
        Assert.StartsWith("evt_", results[0].GetProperty("streamId").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await RuntimeJourneys.FunnelAsync(client, journey)).GetProperty("totalEntries").GetInt32());
    }

    [Fact]
    public async Task A_repeated_eventId_is_accepted_once()
    {
        var client = (await app.NewTenantAsync()).Client();
        var journey = await RuntimeJourneys.CreateActiveAsync(client, RuntimeJourneys.WaitForPurchase, "signup", new { @event = "signup" });
        var signup = new { eventType = "signup", customerId = "c1", eventId = "signup-c1" };

        var first = await client.PostJsonAsync("/api/v1/events", signup);
        var again = await client.PostJsonAsync("/api/v1/events", signup);

        Assert.False(first.Json.GetProperty("results")[0].GetProperty("duplicate").GetBoolean());
        Assert.True(again.Json.GetProperty("results")[0].GetProperty("duplicate").GetBoolean());
        Assert.Equal(0, again.Json.GetProperty("accepted").GetInt32());
        Assert.Equal(first.Json.GetProperty("results")[0].GetProperty("streamId").GetString(), again.Json.GetProperty("results")[0].GetProperty("streamId").GetString());
        Assert.Equal(1, (await RuntimeJourneys.FunnelAsync(client, journey)).GetProperty("totalEntries").GetInt32());
    }

    [Fact]
    public async Task An_awaited_event_resumes_the_wait_and_conditions_read_it()
    {
        var client = (await app.NewTenantAsync()).Client();
        var journey = await RuntimeJourneys.CreateActiveAsync(client, RuntimeJourneys.WaitForPurchase);
        (await client.PostJsonAsync($"/api/v1/journeys/{journey}/enroll", new { customerId = "c1" })).AssertStatus(201);
        await app.RunDueAsync();

        var posted = await client.PostJsonAsync("/api/v1/events", new { eventType = "purchase", customerId = "c1", properties = new { amount = 150 } });
        await app.RunDueAsync();
        var enrollment = await RuntimeJourneys.EnrollmentOfAsync(client, journey, "c1");

        Assert.Equal(1, posted.Json.GetProperty("results")[0].GetProperty("resumed").GetInt32());
        Assert.Equal("completed", enrollment.GetProperty("status").GetString());
        Assert.Equal("big spender", enrollment.GetProperty("exitReason").GetString());
        Assert.Equal("""{"event.amount":150}""", enrollment.GetProperty("history")[2].GetProperty("inputs").GetRawText());
    }

    [Fact]
    public async Task An_event_that_happened_before_the_wait_began_does_not_resume_it()
    {
        var client = (await app.NewTenantAsync()).Client();
        var journey = await RuntimeJourneys.CreateActiveAsync(client, RuntimeJourneys.WaitForPurchase);
        (await client.PostJsonAsync($"/api/v1/journeys/{journey}/enroll", new { customerId = "c1" })).AssertStatus(201);
        await app.RunDueAsync();

        var earlier = TimeProvider.System.GetUtcNow().AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        var posted = await client.PostJsonAsync("/api/v1/events", new { eventType = "purchase", customerId = "c1", timestamp = earlier });
        await app.RunDueAsync();

        Assert.Equal(0, posted.Json.GetProperty("results")[0].GetProperty("resumed").GetInt32());
        Assert.Equal("wait", (await RuntimeJourneys.EnrollmentOfAsync(client, journey, "c1")).GetProperty("currentNodeId").GetString());
    }

    [Fact]
    public async Task A_paused_journey_holds_its_enrollments_until_it_resumes()
    {
        var client = (await app.NewTenantAsync()).Client();
        var journey = await SampleJourneys.CreateActiveAsync(client);
        (await client.PostJsonAsync($"/api/v1/journeys/{journey}/enroll", new { customerId = "c1" })).AssertStatus(201);
        (await client.PutJsonAsync($"/api/v1/journeys/{journey}", new { status = "paused" })).AssertStatus(200);

        await app.RunDueAsync();
        var whilePaused = await RuntimeJourneys.EnrollmentOfAsync(client, journey, "c1");
        (await client.PutJsonAsync($"/api/v1/journeys/{journey}", new { status = "active" })).AssertStatus(200);
        await app.RunDueAsync();
        var resumed = await RuntimeJourneys.EnrollmentOfAsync(client, journey, "c1");

        Assert.Single(whilePaused.GetProperty("history").EnumerateArray());
        Assert.Equal("n6", resumed.GetProperty("currentNodeId").GetString());
    }

    [Fact]
    public async Task A_paused_journey_takes_no_entries_from_events()
    {
        var client = (await app.NewTenantAsync()).Client();
        var journey = await RuntimeJourneys.CreateActiveAsync(client, RuntimeJourneys.WaitForPurchase, "signup", new { @event = "signup" });
        (await client.PutJsonAsync($"/api/v1/journeys/{journey}", new { status = "paused" })).AssertStatus(200);

        var posted = await client.PostJsonAsync("/api/v1/events", new { eventType = "signup", customerId = "c1" });

        Assert.Empty(posted.Json.GetProperty("results")[0].GetProperty("entered").EnumerateArray());
    }

    [Fact]
    public async Task Archiving_exits_waiting_enrollments_where_they_wait()
    {
        var client = (await app.NewTenantAsync()).Client();
        var journey = await SampleJourneys.CreateActiveAsync(client);
        (await client.PostJsonAsync($"/api/v1/journeys/{journey}/enroll", new { customerIds = new[] { "a", "b" } })).AssertStatus(201);
        await app.RunDueAsync();

        (await client.PutJsonAsync($"/api/v1/journeys/{journey}", new { status = "archived" })).AssertStatus(200);
        var analytics = (await client.GetJsonAsync($"/api/v1/journeys/{journey}/analytics")).Json;
        var a = await RuntimeJourneys.EnrollmentOfAsync(client, journey, "a");

        Assert.Equal("exited", a.GetProperty("status").GetString());
        Assert.Equal("journey_archived", a.GetProperty("exitReason").GetString());
        Assert.Equal(2, analytics.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("nodeId").GetString() == "n6").GetProperty("dropoff").GetInt32());
    }

    [Theory]
    [InlineData("""{"customerId": "c1"}""", "eventType")]
    [InlineData("""[{"eventType": "a", "customerId": "c1"}, {"eventType": "a"}]""", "[1].customerId")]
    [InlineData("""{"eventType": "a", "customerId": "c1", "timestamp": "yesterday"}""", "timestamp")]
    [InlineData("""{"eventType": "a", "customerId": "c1", "properties": [1]}""", "properties")]
    [InlineData("""[]""", "body")]
    [InlineData("""[1]""", "[0]")]
    public async Task Bad_events_are_validation_errors(string body, string field)
    {
        var client = (await app.NewTenantAsync()).Client();

        var fields = (await client.PostJsonAsync("/api/v1/events", body)).AssertError(400, "VALIDATION_ERROR");

        Assert.Contains(field, fields);
    }

    [Fact]
    public async Task More_than_100_events_in_one_call_is_a_validation_error()
    {
        var client = (await app.NewTenantAsync()).Client();
        var events = Enumerable.Range(0, 101).Select(i => new { eventType = "a", customerId = $"c{i}" });

        (await client.PostJsonAsync("/api/v1/events", events)).AssertError(400, "VALIDATION_ERROR");
    }
}

public sealed class RuntimeFlowOnSqlite(SqliteApp app) : RuntimeFlowTests(app);

public sealed class RuntimeFlowOnPostgres(PostgresApp app) : RuntimeFlowTests(app);
