using System.Text.Json;
using System.Text.RegularExpressions;
using Waymark.Server.Auth;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Journeys;

public abstract partial class JourneyCrudTests(TestApp app)
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex Timestamp();

    [Fact]
    public async Task Create_answers_201_with_the_reference_shape_and_defaults()
    {
        var client = (await app.NewTenantAsync()).Client();

        var created = await client.PostJsonAsync("/api/v1/journeys", new { name = "New Customer Onboarding", entryCondition = new { @event = "account_created" } });

        created.AssertStatus(201);
        var journey = created.Json;
        Assert.Equal(["id", "name", "description", "status", "maxDurationDays", "entryCondition", "definition", "createdAt", "updatedAt", "version"], journey.Keys());
        Assert.Equal($"/api/v1/journeys/{journey.GetProperty("id").GetString()}", created.Message.Headers.Location?.OriginalString);
        Assert.Equal("draft", journey.GetProperty("status").GetString());
        Assert.Equal(30, journey.GetProperty("maxDurationDays").GetInt32());
        Assert.Equal(JsonValueKind.Null, journey.GetProperty("description").ValueKind);
        Assert.Equal("account_created", journey.GetProperty("entryCondition").GetProperty("event").GetString());
        Assert.Equal("""{"nodes":[],"edges":[]}""", journey.GetProperty("definition").GetRawText());
        Assert.Equal(1, journey.GetProperty("version").GetInt32());
        Assert.Matches(Timestamp(), journey.GetProperty("createdAt").GetString());
        Assert.StartsWith("jrn_", journey.GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_keeps_editor_keys_on_nodes_and_edges_verbatim()
    {
        var client = (await app.NewTenantAsync()).Client();
        const string definition = """{"nodes":[{"id":"n1","type":"entry_trigger","position":{"x":10,"y":-4},"data":{"label":"Start"}}],"edges":[],"viewport":{"zoom":1.5}}""";

        var created = await client.PostJsonAsync("/api/v1/journeys", SampleJourneys.Body("Editor", definition));
        var fetched = await client.GetJsonAsync($"/api/v1/journeys/{created.Json.GetProperty("id").GetString()}");

        Assert.Equal(definition, fetched.Json.GetProperty("definition").GetRawText());
    }

    [Fact]
    public async Task Create_lists_every_invalid_field()
    {
        var client = (await app.NewTenantAsync()).Client();

        var response = await client.PostJsonAsync("/api/v1/journeys",
            """{"description": 7, "maxDurationDays": 366, "entryCondition": "signup", "definition": {"nodes": [{"id": "", "type": "teleport"}], "edges": "none"}}""");

        var fields = response.AssertError(400, "VALIDATION_ERROR");
        Assert.Contains("name", fields);
        Assert.Contains("description", fields);
        Assert.Contains("maxDurationDays", fields);
        Assert.Contains("entryCondition", fields);
        Assert.Contains(fields, f => f.StartsWith("definition.nodes[0]", StringComparison.Ordinal));
        Assert.Contains(fields, f => f.StartsWith("definition.edges", StringComparison.Ordinal));
        Assert.Equal("name is required", response.Json.GetProperty("error").GetProperty("message").GetString()?[..16]);
    }

    [Theory]
    [InlineData("""{"name": ""}""", "name")]
    [InlineData("""{"name": "   "}""", "name")]
    [InlineData("""{"name": null}""", "name")]
    [InlineData("""{"name": "ok", "maxDurationDays": 0}""", "maxDurationDays")]
    [InlineData("""{"name": "ok", "maxDurationDays": 1.5}""", "maxDurationDays")]
    [InlineData("""{"name": "ok", "maxDurationDays": "30"}""", "maxDurationDays")]
    [InlineData("""{"name": "ok", "definition": []}""", "definition")]
    [InlineData("""{"name": "ok", "definition": {"nodes": [{"id": "a", "type": "exit"}, {"id": "a", "type": "exit"}], "edges": []}}""", "definition.nodes[1].id")]
    [InlineData("""{"name": "ok", "definition": {"nodes": [{"id": "a", "type": "condition_split", "config": {"field": "x", "operator": "resembles", "value": 1}}], "edges": []}}""", "definition.nodes[0].config.operator")]
    [InlineData("""{"name": "ok", "entryCondition": {"event": "e", "condition": {"field": "x", "operator": "nope", "value": 1}}}""", "entryCondition.condition.operator")]
    public async Task Create_rejects_a_bad_field_with_its_path(string body, string field)
    {
        var client = (await app.NewTenantAsync()).Client();

        var fields = (await client.PostJsonAsync("/api/v1/journeys", body)).AssertError(400, "VALIDATION_ERROR");

        Assert.Contains(field, fields);
    }

    [Fact]
    public async Task Name_and_description_limits_are_inclusive()
    {
        var client = (await app.NewTenantAsync()).Client();

        (await client.PostJsonAsync("/api/v1/journeys", new { name = new string('n', 255), description = new string('d', 2000), maxDurationDays = 365 })).AssertStatus(201);
        (await client.PostJsonAsync("/api/v1/journeys", new { name = new string('n', 256) })).AssertError(400, "VALIDATION_ERROR");
        (await client.PostJsonAsync("/api/v1/journeys", new { name = "x", description = new string('d', 2001) })).AssertError(400, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Get_answers_the_journey_and_404_for_unknown_or_foreign_ids()
    {
        var tenant = await app.NewTenantAsync();
        var other = await app.NewTenantAsync();
        var id = await SampleJourneys.CreateAsync(tenant.Client());

        (await tenant.Client().GetJsonAsync($"/api/v1/journeys/{id}")).AssertStatus(200);
        (await tenant.Client().GetJsonAsync("/api/v1/journeys/jrn_missing")).AssertError(404, "NOT_FOUND");
        (await other.Client().GetJsonAsync($"/api/v1/journeys/{id}")).AssertError(404, "NOT_FOUND");
        (await other.Client(Roles.Admin).DeleteJsonAsync($"/api/v1/journeys/{id}")).AssertError(404, "NOT_FOUND");
    }

    [Fact]
    public async Task List_pages_newest_first_with_totals()
    {
        var client = (await app.NewTenantAsync()).Client();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add(await SampleJourneys.CreateAsync(client, $"J{i}"));
        ids.Reverse();

        var first = await client.GetJsonAsync("/api/v1/journeys?limit=2");
        var last = await client.GetJsonAsync("/api/v1/journeys?limit=2&offset=4");
        var all = await client.GetJsonAsync("/api/v1/journeys");

        Assert.Equal(ids[..2], first.Json.GetProperty("data").EnumerateArray().Select(j => j.GetProperty("id").GetString()));
        Assert.Equal("""{"total":5,"limit":2,"offset":0,"hasMore":true}""", first.Json.GetProperty("pagination").GetRawText());
        Assert.Equal("""{"total":5,"limit":2,"offset":4,"hasMore":false}""", last.Json.GetProperty("pagination").GetRawText());
        Assert.Equal(ids, all.Json.GetProperty("data").EnumerateArray().Select(j => j.GetProperty("id").GetString()));
        Assert.Equal(50, all.Json.GetProperty("pagination").GetProperty("limit").GetInt32());
    }

    [Fact]
    public async Task List_filters_by_status()
    {
        var client = (await app.NewTenantAsync()).Client();
        var active = await SampleJourneys.CreateActiveAsync(client, "live");
        await SampleJourneys.CreateAsync(client, "draft");

        var listed = await client.GetJsonAsync("/api/v1/journeys?status=active");

        Assert.Equal([active], listed.Json.GetProperty("data").EnumerateArray().Select(j => j.GetProperty("id").GetString()));
        Assert.Equal(1, listed.Json.GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("status=running", "status")]
    public async Task List_rejects_bad_query_values(string query, string field)
    {
        var client = (await app.NewTenantAsync()).Client();

        var fields = (await client.GetJsonAsync($"/api/v1/journeys?{query}")).AssertError(400, "VALIDATION_ERROR");

        Assert.Equal([field], fields);
    }

    [Fact]
    public async Task List_accepts_the_largest_page()
    {
        var client = (await app.NewTenantAsync()).Client();

        var listed = await client.GetJsonAsync("/api/v1/journeys?limit=200&offset=0");

        listed.AssertStatus(200);
        Assert.Equal(200, listed.Json.GetProperty("pagination").GetProperty("limit").GetInt32());
    }

    [Fact]
    public async Task Delete_removes_the_journey_with_its_enrollments()
    {
        var tenant = await app.NewTenantAsync();
        var id = await SampleJourneys.CreateActiveAsync(tenant.Client());
        (await tenant.Client().PostJsonAsync($"/api/v1/journeys/{id}/enroll", new { customerIds = new[] { "a", "b" } })).AssertStatus(201);

        var deleted = await tenant.Client(Roles.Admin).DeleteJsonAsync($"/api/v1/journeys/{id}");

        deleted.AssertStatus(204);
        (await tenant.Client().GetJsonAsync($"/api/v1/journeys/{id}")).AssertError(404, "NOT_FOUND");
        (await tenant.Client().GetJsonAsync($"/api/v1/journeys/{id}/analytics")).AssertError(404, "NOT_FOUND");
    }
}

public sealed class JourneyCrudOnSqlite(SqliteApp app) : JourneyCrudTests(app);

public sealed class JourneyCrudOnPostgres(PostgresApp app) : JourneyCrudTests(app);
