using System.Text.Json;
using Waymark.Server.Auth;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Decisioning;

public abstract class DecisionFlowTests(TestApp app)
{
    private const string DefaultSettings =
        """{"candidates":{"offerIds":[],"categories":[]},"filters":[],"contactPolicy":null,"weights":{"propensity":0.25,"relevance":0.25,"impact":0.25,"emphasis":0.25},"limit":1}""";

    [Fact]
    public async Task Create_answers_201_with_the_settings_filled_in()
    {
        var client = (await app.NewTenantAsync()).Client();

        var created = await client.PostJsonAsync("/api/v1/decision-flows", new { key = "cards.next-best" });

        created.AssertStatus(201);
        var flow = created.Json;
        Assert.Equal(["id", "key", "name", "settings", "createdAt", "updatedAt"], flow.Keys());
        var id = flow.GetProperty("id").GetString()!;
        Assert.StartsWith("dfl_", id, StringComparison.Ordinal);
        Assert.Equal($"/api/v1/decision-flows/{id}", created.Message.Headers.Location?.OriginalString);
        Assert.Equal("cards.next-best", flow.GetProperty("name").GetString());
        Assert.Equal(DefaultSettings, flow.GetProperty("settings").GetRawText());
    }

    [Fact]
    public async Task Settings_are_stored_whole_and_the_flow_reads_back_by_id_and_by_key()
    {
        var client = (await app.NewTenantAsync()).Client();
        const string body = """
            {"key": "retention", "name": "Retention offers",
             "settings": {"candidates": {"categories": ["loyalty"]},
                          "filters": [{"field": "churnRisk", "operator": "gte", "value": 0.7}],
                          "contactPolicy": {"hours": 72},
                          "weights": {"propensity": 0.5, "impact": 0.5},
                          "limit": 3, "comment": "dropped"}}
            """;

        var created = await client.PostJsonAsync("/api/v1/decision-flows", body);
        var byId = await client.GetJsonAsync($"/api/v1/decision-flows/{created.Json.GetProperty("id").GetString()}");
        var byKey = await client.GetJsonAsync("/api/v1/decision-flows/retention");

        created.AssertStatus(201);
        Assert.Equal(
            """{"candidates":{"offerIds":[],"categories":["loyalty"]},"filters":[{"field":"churnRisk","operator":"gte","value":0.7}],"contactPolicy":{"hours":72},"weights":{"propensity":0.5,"relevance":0,"impact":0.5,"emphasis":0},"limit":3}""",
            created.Json.GetProperty("settings").GetRawText());
        Assert.Equal(created.Json.GetRawText(), byId.Json.GetRawText());
        Assert.Equal(created.Json.GetRawText(), byKey.Json.GetRawText());
    }

    [Fact]
    public async Task A_key_is_unique_within_a_tenant_only()
    {
        var tenant = await app.NewTenantAsync();
        var other = await app.NewTenantAsync();
        (await tenant.Client().PostJsonAsync("/api/v1/decision-flows", new { key = "main" })).AssertStatus(201);
        var renamed = await tenant.Client().PostJsonAsync("/api/v1/decision-flows", new { key = "side" });

        var again = await tenant.Client().PostJsonAsync("/api/v1/decision-flows", new { key = "main" });
        var clash = await tenant.Client().PutJsonAsync("/api/v1/decision-flows/side", new { key = "main" });
        var elsewhere = await other.Client().PostJsonAsync("/api/v1/decision-flows", new { key = "main" });

        again.AssertError(409, "CONFLICT");
        clash.AssertError(409, "CONFLICT");
        elsewhere.AssertStatus(201);
        Assert.Equal("side", (await tenant.Client().GetJsonAsync($"/api/v1/decision-flows/{renamed.Json.GetProperty("id").GetString()}")).Json.GetProperty("key").GetString());
    }

    [Fact]
    public async Task Concurrent_creates_of_one_key_make_one_flow_and_conflicts()
    {
        var tenant = await app.NewTenantAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            tenant.Client().PostJsonAsync("/api/v1/decision-flows", new { key = "race", name = $"attempt {i}" })));

        Assert.Single(answers, a => a.Code == 201);
        foreach (var lost in answers.Where(a => a.Code != 201)) lost.AssertError(409, "CONFLICT");
        var listed = await tenant.Client().GetJsonAsync("/api/v1/decision-flows");
        Assert.Equal(1, listed.Json.GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Renaming_moves_the_key_and_keeping_it_is_no_conflict()
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = (await client.PostJsonAsync("/api/v1/decision-flows", new { key = "old", settings = new { limit = 2 } })).Json.GetProperty("id").GetString();

        var same = await client.PutJsonAsync("/api/v1/decision-flows/old", new { key = "old", name = "Same key" });
        var moved = await client.PutJsonAsync($"/api/v1/decision-flows/{id}", new { key = "new" });

        same.AssertStatus(200);
        moved.AssertStatus(200);
        Assert.Equal("Same key", moved.Json.GetProperty("name").GetString());
        Assert.Equal(2, moved.Json.GetProperty("settings").GetProperty("limit").GetInt32());
        (await client.GetJsonAsync("/api/v1/decision-flows/old")).AssertError(404, "NOT_FOUND");
        (await client.GetJsonAsync("/api/v1/decision-flows/new")).AssertStatus(200);
    }

    [Fact]
    public async Task New_settings_replace_the_old_ones_whole()
    {
        var client = (await app.NewTenantAsync()).Client();
        await client.PostJsonAsync("/api/v1/decision-flows", new { key = "f", settings = new { limit = 4, contactPolicy = new { hours = 12 } } });

        var updated = await client.PutJsonAsync("/api/v1/decision-flows/f", new { settings = new { limit = 2 } });

        var settings = updated.Json.GetProperty("settings");
        Assert.Equal(2, settings.GetProperty("limit").GetInt32());
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("contactPolicy").ValueKind);
    }

    [Theory]
    [InlineData("""{"key": "bad key"}""", "key")]
    [InlineData("""{"key": "x/y"}""", "key")]
    [InlineData("""{"name": "no key"}""", "key")]
    [InlineData("""{"key": "k", "name": ""}""", "name")]
    [InlineData("""{"key": "k", "settings": []}""", "settings")]
    [InlineData("""{"key": "k", "settings": {"candidates": ["a"]}}""", "settings.candidates")]
    [InlineData("""{"key": "k", "settings": {"candidates": {"offerIds": ["ofr_1", ""]}}}""", "settings.candidates.offerIds[1]")]
    [InlineData("""{"key": "k", "settings": {"filters": {"field": "a"}}}""", "settings.filters")]
    [InlineData("""{"key": "k", "settings": {"filters": [{"field": "a", "operator": "like", "value": 1}]}}""", "settings.filters[0].operator")]
    [InlineData("""{"key": "k", "settings": {"contactPolicy": {}}}""", "settings.contactPolicy.hours")]
    [InlineData("""{"key": "k", "settings": {"contactPolicy": {"hours": 0}}}""", "settings.contactPolicy.hours")]
    [InlineData("""{"key": "k", "settings": {"weights": {"propensity": 0.5, "relevance": 0.2}}}""", "settings.weights")]
    [InlineData("""{"key": "k", "settings": {"weights": {"propensity": 1, "speed": 0}}}""", "settings.weights.speed")]
    [InlineData("""{"key": "k", "settings": {"weights": {"propensity": -1, "impact": 2}}}""", "settings.weights.propensity")]
    [InlineData("""{"key": "k", "settings": {"limit": 51}}""", "settings.limit")]
    public async Task Create_rejects_a_bad_field_with_its_path(string body, string field)
    {
        var client = (await app.NewTenantAsync()).Client();

        var fields = (await client.PostJsonAsync("/api/v1/decision-flows", body)).AssertError(400, "VALIDATION_ERROR");

        Assert.Equal([field], fields);
    }

    [Fact]
    public async Task A_key_of_64_characters_is_accepted_and_65_is_not()
    {
        var client = (await app.NewTenantAsync()).Client();

        var longest = await client.PostJsonAsync("/api/v1/decision-flows", new { key = new string('k', 64) });
        var tooLong = await client.PostJsonAsync("/api/v1/decision-flows", new { key = new string('k', 65) });

        longest.AssertStatus(201);
        Assert.Equal(["key"], tooLong.AssertError(400, "VALIDATION_ERROR"));
    }

    [Fact]
    public async Task Every_tenant_has_an_implicit_default_flow()
    {
        var client = (await app.NewTenantAsync()).Client();

        var flow = await client.GetJsonAsync("/api/v1/decision-flows/default-flow");
        var listed = await client.GetJsonAsync("/api/v1/decision-flows");

        flow.AssertStatus(200);
        Assert.Equal(JsonValueKind.Null, flow.Json.GetProperty("id").ValueKind);
        Assert.Equal("default-flow", flow.Json.GetProperty("key").GetString());
        Assert.Equal(DefaultSettings, flow.Json.GetProperty("settings").GetRawText());
        Assert.Equal(0, listed.Json.GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_implicit_default_flow_cannot_be_changed_or_deleted()
    {
        var tenant = await app.NewTenantAsync();

        (await tenant.Client().PutJsonAsync("/api/v1/decision-flows/default-flow", new { name = "mine" })).AssertError(404, "NOT_FOUND");
        (await tenant.Client(Roles.Admin).DeleteJsonAsync("/api/v1/decision-flows/default-flow")).AssertError(404, "NOT_FOUND");
    }

    [Fact]
    public async Task A_tenant_overrides_the_default_flow_by_defining_it_and_gets_it_back_by_deleting()
    {
        var tenant = await app.NewTenantAsync();
        var created = await tenant.Client().PostJsonAsync("/api/v1/decision-flows", new { key = "default-flow", name = "Ours", settings = new { limit = 3 } });

        var overridden = await tenant.Client().GetJsonAsync("/api/v1/decision-flows/default-flow");
        var deleted = await tenant.Client(Roles.Admin).DeleteJsonAsync("/api/v1/decision-flows/default-flow");
        var restored = await tenant.Client().GetJsonAsync("/api/v1/decision-flows/default-flow");

        created.AssertStatus(201);
        Assert.Equal(created.Json.GetProperty("id").GetString(), overridden.Json.GetProperty("id").GetString());
        Assert.Equal(3, overridden.Json.GetProperty("settings").GetProperty("limit").GetInt32());
        deleted.AssertStatus(204);
        Assert.Equal(JsonValueKind.Null, restored.Json.GetProperty("id").ValueKind);
        Assert.Equal(DefaultSettings, restored.Json.GetProperty("settings").GetRawText());
    }

    [Fact]
    public async Task List_is_newest_first_and_paginated()
    {
        var client = (await app.NewTenantAsync()).Client();
        foreach (var key in new[] { "a", "b", "c" }) (await client.PostJsonAsync("/api/v1/decision-flows", new { key })).AssertStatus(201);

        var all = await client.GetJsonAsync("/api/v1/decision-flows");
        var page = await client.GetJsonAsync("/api/v1/decision-flows?limit=2&offset=2");

        Assert.Equal(["c", "b", "a"], all.Json.GetProperty("data").EnumerateArray().Select(f => f.GetProperty("key").GetString()));
        Assert.Equal(["a"], page.Json.GetProperty("data").EnumerateArray().Select(f => f.GetProperty("key").GetString()));
        Assert.False(page.Json.GetProperty("pagination").GetProperty("hasMore").GetBoolean());
        (await client.GetJsonAsync("/api/v1/decision-flows?limit=201")).AssertError(400, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Delete_needs_an_admin()
    {
        var tenant = await app.NewTenantAsync();
        (await tenant.Client().PostJsonAsync("/api/v1/decision-flows", new { key = "f" })).AssertStatus(201);

        (await tenant.Client(Roles.Editor).DeleteJsonAsync("/api/v1/decision-flows/f")).AssertError(403, "FORBIDDEN");
        (await tenant.Client(Roles.Admin).DeleteJsonAsync("/api/v1/decision-flows/f")).AssertStatus(204);
        (await tenant.Client().GetJsonAsync("/api/v1/decision-flows/f")).AssertError(404, "NOT_FOUND");
    }

    [Fact]
    public async Task A_viewer_cannot_read_flows_and_another_tenants_flow_is_not_found()
    {
        var owner = await app.NewTenantAsync();
        var other = await app.NewTenantAsync();
        var id = (await owner.Client().PostJsonAsync("/api/v1/decision-flows", new { key = "private" })).Json.GetProperty("id").GetString();

        (await owner.Client(Roles.Viewer).GetJsonAsync("/api/v1/decision-flows")).AssertError(403, "FORBIDDEN");
        (await other.Client().GetJsonAsync($"/api/v1/decision-flows/{id}")).AssertError(404, "NOT_FOUND");
        (await other.Client().GetJsonAsync("/api/v1/decision-flows/private")).AssertError(404, "NOT_FOUND");
        (await other.Client().PutJsonAsync("/api/v1/decision-flows/private", new { name = "x" })).AssertError(404, "NOT_FOUND");
    }
}

public sealed class DecisionFlowsOnSqlite(SqliteApp app) : DecisionFlowTests(app);

public sealed class DecisionFlowsOnPostgres(PostgresApp app) : DecisionFlowTests(app);
