using System.Text.Json;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Journeys;

public abstract class JourneyUpdateTests(TestApp app)
{
    private const string BrokenGraph = """
        {"nodes": [
            {"id": "n1", "type": "entry_trigger"},
            {"id": "n2", "type": "wait", "config": {}},
            {"id": "n3", "type": "exit"},
            {"id": "n4", "type": "exit"}
         ],
         "edges": [{"source": "n1", "target": "n2"}, {"source": "n2", "target": "n9"}]}
        """;

    [Fact]
    public async Task Every_field_is_optional_and_null_clears_the_description()
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = await SampleJourneys.CreateAsync(client);
        (await client.PutJsonAsync($"/api/v1/journeys/{id}", new { description = "first" })).AssertStatus(200);

        var renamed = await client.PutJsonAsync($"/api/v1/journeys/{id}", new { name = "Renamed" });
        var cleared = await client.PutJsonAsync($"/api/v1/journeys/{id}", """{"description": null, "entryCondition": null}""");

        Assert.Equal("first", renamed.Json.GetProperty("description").GetString());
        Assert.Equal("Renamed", renamed.Json.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, cleared.Json.GetProperty("description").ValueKind);
        Assert.Equal(JsonValueKind.Null, cleared.Json.GetProperty("entryCondition").ValueKind);
        Assert.Equal(1, cleared.Json.GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("active", "paused")]
    [InlineData("active", "archived")]
    [InlineData("active", "active")]
    public async Task Allowed_transitions_from_active(string first, string second)
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = await SampleJourneys.CreateAsync(client);
        (await client.PutJsonAsync($"/api/v1/journeys/{id}", new { status = first })).AssertStatus(200);

        var moved = await client.PutJsonAsync($"/api/v1/journeys/{id}", new { status = second });

        moved.AssertStatus(200);
        Assert.Equal(second, moved.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Paused_resumes_and_draft_archives()
    {
        var client = (await app.NewTenantAsync()).Client();
        var live = await SampleJourneys.CreateActiveAsync(client);
        var draft = await SampleJourneys.CreateAsync(client);

        (await client.PutJsonAsync($"/api/v1/journeys/{live}", new { status = "paused" })).AssertStatus(200);
        (await client.PutJsonAsync($"/api/v1/journeys/{live}", new { status = "active" })).AssertStatus(200);
        (await client.PutJsonAsync($"/api/v1/journeys/{draft}", new { status = "draft" })).AssertStatus(200);
        (await client.PutJsonAsync($"/api/v1/journeys/{draft}", new { status = "archived" })).AssertStatus(200);
    }

    [Theory]
    [InlineData(null, "paused")]
    [InlineData("active", "draft")]
    [InlineData("archived", "active")]
    [InlineData("archived", "draft")]
    [InlineData("archived", "paused")]
    public async Task Forbidden_transitions_are_conflicts(string? first, string second)
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = await SampleJourneys.CreateAsync(client);
        if (first == "archived") (await client.PutJsonAsync($"/api/v1/journeys/{id}", new { status = "active" })).AssertStatus(200);
        if (first is not null) (await client.PutJsonAsync($"/api/v1/journeys/{id}", new { status = first })).AssertStatus(200);

        (await client.PutJsonAsync($"/api/v1/journeys/{id}", new { status = second })).AssertError(409, "CONFLICT");
    }

    [Fact]
    public async Task An_archived_journey_cannot_be_edited_but_repeating_its_status_is_a_no_op()
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = await SampleJourneys.CreateAsync(client);
        (await client.PutJsonAsync($"/api/v1/journeys/{id}", new { status = "archived" })).AssertStatus(200);

        (await client.PutJsonAsync($"/api/v1/journeys/{id}", new { name = "again" })).AssertError(409, "CONFLICT");
        (await client.PutJsonAsync($"/api/v1/journeys/{id}", new { status = "archived" })).AssertStatus(200);
    }

    [Fact]
    public async Task Unknown_status_is_a_validation_error()
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = await SampleJourneys.CreateAsync(client);

        var fields = (await client.PutJsonAsync($"/api/v1/journeys/{id}", new { status = "running" })).AssertError(400, "VALIDATION_ERROR");

        Assert.Equal(["status"], fields);
    }

    [Fact]
    public async Task Activation_lists_every_graph_problem_as_422()
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = await SampleJourneys.CreateAsync(client, "broken", BrokenGraph);

        var response = await client.PutJsonAsync($"/api/v1/journeys/{id}", new { status = "active" });

        var fields = response.AssertError(422, "UNPROCESSABLE");
        // the wait has no config, an edge points at a missing node, and n4 is unreachable: each is listed
        Assert.True(fields.Count >= 3, string.Join(", ", fields));
        Assert.Equal("draft", (await client.GetJsonAsync($"/api/v1/journeys/{id}")).Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_draft_may_be_saved_incomplete()
    {
        var client = (await app.NewTenantAsync()).Client();

        (await client.PostJsonAsync("/api/v1/journeys", SampleJourneys.Body("wip", BrokenGraph))).AssertStatus(201);
    }

    [Fact]
    public async Task A_definition_change_creates_a_new_version()
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = await SampleJourneys.CreateActiveAsync(client);
        var changed = SampleJourneys.ValidDefinition.Replace("\"delayHours\": 48", "\"delayHours\": 24", StringComparison.Ordinal);

        var updated = await client.PutJsonAsync($"/api/v1/journeys/{id}", $$"""{"definition": {{changed}}}""");
        var same = await client.PutJsonAsync($"/api/v1/journeys/{id}", $$"""{"definition": {{changed}}}""");

        Assert.Equal(2, updated.Json.GetProperty("version").GetInt32());
        Assert.Equal(24, updated.Json.GetProperty("definition").GetProperty("nodes")[5].GetProperty("config").GetProperty("delayHours").GetInt32());
        Assert.Equal(2, same.Json.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_live_definition_change_is_validated_like_an_activation()
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = await SampleJourneys.CreateActiveAsync(client);
        (await client.PutJsonAsync($"/api/v1/journeys/{id}", new { status = "paused" })).AssertStatus(200);

        var response = await client.PutJsonAsync($"/api/v1/journeys/{id}", $$"""{"definition": {{BrokenGraph}}}""");

        response.AssertError(422, "UNPROCESSABLE");
        Assert.Equal(1, (await client.GetJsonAsync($"/api/v1/journeys/{id}")).Json.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Update_validates_fields_like_create()
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = await SampleJourneys.CreateAsync(client);

        var fields = (await client.PutJsonAsync($"/api/v1/journeys/{id}", """{"name": "", "maxDurationDays": 400}""")).AssertError(400, "VALIDATION_ERROR");

        Assert.Equal(["name", "maxDurationDays"], fields);
        (await client.PutJsonAsync("/api/v1/journeys/jrn_missing", new { name = "x" })).AssertError(404, "NOT_FOUND");
    }

    [Fact]
    public async Task Archiving_exits_active_enrollments_and_counts_them()
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = await SampleJourneys.CreateActiveAsync(client);
        (await client.PostJsonAsync($"/api/v1/journeys/{id}/enroll", new { customerIds = new[] { "a", "b", "c" } })).AssertStatus(201);

        (await client.PutJsonAsync($"/api/v1/journeys/{id}", new { status = "archived" })).AssertStatus(200);
        var analytics = (await client.GetJsonAsync($"/api/v1/journeys/{id}/analytics")).Json;

        Assert.Equal("""{"totalEntries":3,"activeCount":0,"completedCount":0,"exitedCount":3,"completionRate":0}""", analytics.GetProperty("funnel").GetRawText());
        Assert.Equal(3, analytics.GetProperty("steps")[0].GetProperty("dropoff").GetInt32());
    }
}

public sealed class JourneyUpdateOnSqlite(SqliteApp app) : JourneyUpdateTests(app);

public sealed class JourneyUpdateOnPostgres(PostgresApp app) : JourneyUpdateTests(app);
