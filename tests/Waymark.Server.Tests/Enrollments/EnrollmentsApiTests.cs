using System.Text.Json;
using Waymark.Server.Auth;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Enrollments;

public abstract class EnrollmentsApiTests(TestApp app)
{
    private static readonly string[] ViewKeys =
        ["id", "journeyId", "journeyVersion", "customerId", "status", "exitReason", "currentNodeId", "waitingForEvent", "resumeAt", "enrolledAt", "expiresAt", "endedAt"];

    [Fact]
    public async Task The_list_shows_each_enrollment_with_every_field()
    {
        var client = (await app.NewTenantAsync()).Client();
        var journey = await SampleJourneys.CreateActiveAsync(client);
        await EnrollAsync(client, journey, "c1");

        var response = await client.GetJsonAsync($"/api/v1/journeys/{journey}/enrollments");

        response.AssertStatus(200);
        Assert.Equal("""{"total":1,"limit":50,"offset":0,"hasMore":false}""", response.Json.GetProperty("pagination").GetRawText());
        var enrollment = Assert.Single(response.Json.GetProperty("data").EnumerateArray());
        Assert.Equal(ViewKeys, enrollment.Keys());
        Assert.StartsWith("enr_", enrollment.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(journey, enrollment.GetProperty("journeyId").GetString());
        Assert.Equal(1, enrollment.GetProperty("journeyVersion").GetInt32());
        Assert.Equal("c1", enrollment.GetProperty("customerId").GetString());
        Assert.Equal("active", enrollment.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, enrollment.GetProperty("exitReason").ValueKind);
        Assert.Equal(JsonValueKind.Null, enrollment.GetProperty("endedAt").ValueKind);
        Assert.Equal(Time(enrollment, "enrolledAt").AddDays(30), Time(enrollment, "expiresAt"));
    }

    [Fact]
    public async Task The_list_is_newest_first_with_ties_by_id_and_pages_through_everything()
    {
        var client = (await app.NewTenantAsync()).Client();
        var journey = await SampleJourneys.CreateActiveAsync(client);
        await EnrollAsync(client, journey, "a", "b");
        await EnrollAsync(client, journey, "c");
        await EnrollAsync(client, journey, "d", "e");

        var first = await client.GetJsonAsync($"/api/v1/journeys/{journey}/enrollments?limit=2");
        var second = await client.GetJsonAsync($"/api/v1/journeys/{journey}/enrollments?limit=2&offset=2");
        var last = await client.GetJsonAsync($"/api/v1/journeys/{journey}/enrollments?limit=2&offset=4");
        var all = (await client.GetJsonAsync($"/api/v1/journeys/{journey}/enrollments")).Json.GetProperty("data").EnumerateArray().ToList();

        Assert.Equal("""{"total":5,"limit":2,"offset":0,"hasMore":true}""", first.Json.GetProperty("pagination").GetRawText());
        Assert.Equal("""{"total":5,"limit":2,"offset":4,"hasMore":false}""", last.Json.GetProperty("pagination").GetRawText());
        var paged = new[] { first, second, last }.SelectMany(r => r.Json.GetProperty("data").EnumerateArray()).Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal(all.Select(e => e.GetProperty("id").GetString()), paged);
        var expectedOrder = all.OrderByDescending(e => Time(e, "enrolledAt")).ThenByDescending(e => e.GetProperty("id").GetString(), StringComparer.Ordinal);
        Assert.Equal(expectedOrder.Select(e => e.GetProperty("id").GetString()), paged);
        Assert.Equal(["a", "b", "c", "d", "e"], all.Select(e => e.GetProperty("customerId").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(["d", "e"], all.Take(2).Select(e => e.GetProperty("customerId").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_list_filters_by_status()
    {
        var client = (await app.NewTenantAsync()).Client();
        var live = await SampleJourneys.CreateActiveAsync(client, "live");
        var archived = await SampleJourneys.CreateActiveAsync(client, "archived");
        await EnrollAsync(client, live, "a", "b");
        await EnrollAsync(client, archived, "a", "b", "c");
        (await client.PutJsonAsync($"/api/v1/journeys/{archived}", new { status = "archived" })).AssertStatus(200);

        Assert.Equal(2, (await ListAsync(client, live, "?status=active")).Count);
        Assert.Empty(await ListAsync(client, live, "?status=exited"));
        Assert.Empty(await ListAsync(client, live, "?status=completed"));
        Assert.Empty(await ListAsync(client, archived, "?status=active"));
        var exited = await ListAsync(client, archived, "?status=exited");
        Assert.Equal(3, exited.Count);
        Assert.All(exited, e =>
        {
            Assert.Equal("exited", e.GetProperty("status").GetString());
            Assert.Equal("journey_archived", e.GetProperty("exitReason").GetString());
            Assert.Equal(JsonValueKind.String, e.GetProperty("endedAt").ValueKind);
        });
    }

    [Fact]
    public async Task The_list_filters_by_customer_and_combines_filters()
    {
        var client = (await app.NewTenantAsync()).Client();
        var journey = await SampleJourneys.CreateActiveAsync(client);
        await EnrollAsync(client, journey, "a", "b", "c");

        var b = await ListAsync(client, journey, "?customerId=b");

        Assert.Equal("b", Assert.Single(b).GetProperty("customerId").GetString());
        Assert.Single(await ListAsync(client, journey, "?customerId=b&status=active"));
        Assert.Empty(await ListAsync(client, journey, "?customerId=b&status=exited"));
        Assert.Empty(await ListAsync(client, journey, "?customerId=nobody"));
    }

    [Theory]
    [InlineData("?status=done", "status")]
    [InlineData("?status=Active", "status")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=201", "limit")]
    [InlineData("?offset=-1", "offset")]
    [InlineData("?limit=ten", "limit")]
    public async Task Bad_filters_and_paging_are_validation_errors(string query, string field)
    {
        var client = (await app.NewTenantAsync()).Client();
        var journey = await SampleJourneys.CreateActiveAsync(client);

        var response = await client.GetJsonAsync($"/api/v1/journeys/{journey}/enrollments{query}");

        Assert.Equal([field], response.AssertError(400, "VALIDATION_ERROR"));
    }

    [Fact]
    public async Task An_unknown_or_foreign_journey_is_404()
    {
        var mine = await app.NewTenantAsync();
        var theirs = await app.NewTenantAsync();
        var journey = await SampleJourneys.CreateActiveAsync(theirs.Client());
        var enrollment = await EnrollAsync(theirs.Client(), journey, "c1");

        (await mine.Client().GetJsonAsync("/api/v1/journeys/jrn_nope/enrollments")).AssertError(404, "NOT_FOUND");
        (await mine.Client().GetJsonAsync($"/api/v1/journeys/{journey}/enrollments")).AssertError(404, "NOT_FOUND");
        (await mine.Client().GetJsonAsync($"/api/v1/journeys/{journey}/enrollments/{enrollment}")).AssertError(404, "NOT_FOUND");
    }

    [Fact]
    public async Task The_detail_shows_the_entry_step_as_the_first_of_the_history()
    {
        var client = (await app.NewTenantAsync()).Client();
        var journey = await SampleJourneys.CreateActiveAsync(client);
        var id = await EnrollAsync(client, journey, "c1");

        var response = await client.GetJsonAsync($"/api/v1/journeys/{journey}/enrollments/{id}");

        response.AssertStatus(200);
        Assert.Equal([.. ViewKeys, "context", "history"], response.Json.Keys());
        var listed = (await ListAsync(client, journey, ""))[0];
        // The fields a step of the runtime cannot change between the two reads.
        foreach (var key in new[] { "id", "journeyId", "journeyVersion", "customerId", "enrolledAt", "expiresAt" })
        {
            Assert.Equal(listed.GetProperty(key).GetRawText(), response.Json.GetProperty(key).GetRawText());
        }
        var entry = response.Json.GetProperty("history")[0];
        Assert.Equal(["sequence", "nodeId", "nodeType", "decision", "inputs", "at"], entry.Keys());
        Assert.Equal(1, entry.GetProperty("sequence").GetInt32());
        Assert.Equal("n1", entry.GetProperty("nodeId").GetString());
        Assert.Equal("entry_trigger", entry.GetProperty("nodeType").GetString());
        Assert.Equal("customer enters journey", entry.GetProperty("decision").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("inputs").ValueKind);
        Assert.Equal(response.Json.GetProperty("enrolledAt").GetString(), entry.GetProperty("at").GetString());
        var sequences = response.Json.GetProperty("history").EnumerateArray().Select(s => s.GetProperty("sequence").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(1, sequences.Count), sequences);
    }

    [Fact]
    public async Task The_history_says_why_each_customer_went_where_it_went()
    {
        var client = (await app.NewTenantAsync()).Client();
        var journey = await SampleJourneys.CreateActiveAsync(client);
        (await client.PostJsonAsync("/api/v1/customers/batch", """
            {"customers": [{"customerId": "gold", "attributes": {"tier": "gold"}}, {"customerId": "silver", "attributes": {"tier": "silver"}}]}
            """)).AssertStatus(200);
        var gold = await EnrollAsync(client, journey, "gold", "silver");
        var silver = (await ListAsync(client, journey, "?customerId=silver"))[0].GetProperty("id").GetString();
        await app.RunDueAsync();

        var goldDetail = (await client.GetJsonAsync($"/api/v1/journeys/{journey}/enrollments/{gold}")).Json;
        var silverDetail = (await client.GetJsonAsync($"/api/v1/journeys/{journey}/enrollments/{silver}")).Json;

        var goldSplit = goldDetail.GetProperty("history")[1];
        Assert.Equal("n2", goldSplit.GetProperty("nodeId").GetString());
        Assert.Equal("condition met (true branch)", goldSplit.GetProperty("decision").GetString());
        Assert.Equal("""{"tier":"gold"}""", goldSplit.GetProperty("inputs").GetRawText());
        Assert.Equal("completed", goldDetail.GetProperty("status").GetString());
        var silverSplit = silverDetail.GetProperty("history")[1];
        Assert.Equal("condition not met (false branch)", silverSplit.GetProperty("decision").GetString());
        Assert.Equal("""{"tier":"silver"}""", silverSplit.GetProperty("inputs").GetRawText());
        Assert.Equal("active", silverDetail.GetProperty("status").GetString());
        Assert.Equal("n6", silverDetail.GetProperty("currentNodeId").GetString());
        Assert.Equal("n6", silverDetail.GetProperty("history")[2].GetProperty("nodeId").GetString());
        Assert.Equal(Time(silverDetail, "history", 2).AddHours(48), Time(silverDetail, "resumeAt"));
    }

    [Fact]
    public async Task The_detail_of_an_enrollment_of_another_journey_or_unknown_is_404()
    {
        var client = (await app.NewTenantAsync()).Client();
        var first = await SampleJourneys.CreateActiveAsync(client, "first");
        var second = await SampleJourneys.CreateActiveAsync(client, "second");
        var id = await EnrollAsync(client, first, "c1");

        (await client.GetJsonAsync($"/api/v1/journeys/{second}/enrollments/{id}")).AssertError(404, "NOT_FOUND");
        (await client.GetJsonAsync($"/api/v1/journeys/{first}/enrollments/enr_nope")).AssertError(404, "NOT_FOUND");
        (await client.GetJsonAsync($"/api/v1/journeys/jrn_nope/enrollments/{id}")).AssertError(404, "NOT_FOUND");
    }

    [Theory]
    [InlineData(Roles.Admin, 200)]
    [InlineData(Roles.Editor, 200)]
    [InlineData(Roles.Viewer, 403)]
    public async Task Editors_and_admins_read_enrollments_and_viewers_are_refused(string role, int status)
    {
        var tenant = await app.NewTenantAsync();
        var journey = await SampleJourneys.CreateActiveAsync(tenant.Client());
        var id = await EnrollAsync(tenant.Client(), journey, "c1");
        var client = tenant.Client(role);

        var list = await client.GetJsonAsync($"/api/v1/journeys/{journey}/enrollments");
        var detail = await client.GetJsonAsync($"/api/v1/journeys/{journey}/enrollments/{id}");

        if (status == 200)
        {
            list.AssertStatus(200);
            detail.AssertStatus(200);
            return;
        }
        list.AssertError(403, "FORBIDDEN");
        detail.AssertError(403, "FORBIDDEN");
    }

    /// <returns>The id of the first customer's enrollment.</returns>
    private static async Task<string> EnrollAsync(HttpClient client, string journey, params string[] customers)
    {
        (await client.PostJsonAsync($"/api/v1/journeys/{journey}/enroll", new { customerIds = customers })).AssertStatus(201);
        return (await ListAsync(client, journey, $"?customerId={customers[0]}"))[0].GetProperty("id").GetString()!;
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string journey, string query)
    {
        var response = await client.GetJsonAsync($"/api/v1/journeys/{journey}/enrollments{query}");
        response.AssertStatus(200);
        return [.. response.Json.GetProperty("data").EnumerateArray()];
    }

    private static DateTime Time(JsonElement element, string name) => Parse(element.GetProperty(name));

    private static DateTime Time(JsonElement detail, string history, int step) => Parse(detail.GetProperty(history)[step].GetProperty("at"));

    private static DateTime Parse(JsonElement timestamp) =>
        DateTime.Parse(timestamp.GetString()!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind);
}

public sealed class EnrollmentsApiOnSqlite(SqliteApp app) : EnrollmentsApiTests(app);

public sealed class EnrollmentsApiOnPostgres(PostgresApp app) : EnrollmentsApiTests(app);
