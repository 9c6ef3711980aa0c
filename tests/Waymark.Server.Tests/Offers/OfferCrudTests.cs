using System.Text.Json;
using Waymark.Server.Auth;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Offers;

public abstract class OfferCrudTests(TestApp app)
{
    [Fact]
    public async Task Create_answers_201_with_every_field_and_the_defaults()
    {
        var client = (await app.NewTenantAsync()).Client();

        var created = await client.PostJsonAsync("/api/v1/offers", new { name = "Gold card" });

        created.AssertStatus(201);
        var offer = created.Json;
        Assert.Equal(["id", "name", "status", "category", "channels", "qualification", "propensity", "businessValue", "priority",
            "startAt", "endAt", "content", "createdAt", "updatedAt"], offer.Keys());
        var id = offer.GetProperty("id").GetString()!;
        Assert.StartsWith("ofr_", id, StringComparison.Ordinal);
        Assert.Equal($"/api/v1/offers/{id}", created.Message.Headers.Location?.OriginalString);
        Assert.Equal("draft", offer.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, offer.GetProperty("category").ValueKind);
        Assert.Equal("[]", offer.GetProperty("channels").GetRawText());
        Assert.Equal(JsonValueKind.Null, offer.GetProperty("qualification").ValueKind);
        Assert.Equal(0.5, offer.GetProperty("propensity").GetDouble());
        Assert.Equal(0, offer.GetProperty("businessValue").GetDouble());
        Assert.Equal(50, offer.GetProperty("priority").GetInt32());
        Assert.Equal(JsonValueKind.Null, offer.GetProperty("startAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, offer.GetProperty("endAt").ValueKind);
        Assert.Equal("{}", offer.GetProperty("content").GetRawText());
    }

    [Fact]
    public async Task Create_keeps_every_given_field_and_get_reads_it_back()
    {
        var client = (await app.NewTenantAsync()).Client();
        const string body = """
            {"name": "Travel insurance", "status": "active", "category": "travel", "channels": ["email", "in_app", "email"],
             "qualification": {"all": [{"field": "tier", "operator": "in", "value": ["gold", "platinum"]}]},
             "propensity": 0.35, "businessValue": 120.5, "priority": 80,
             "startAt": "2026-03-01T00:00:00Z", "endAt": "2026-04-01T12:30:00.250+02:00",
             "content": {"title": "Travel safe", "url": "https://example.com/t", "tags": ["a", 1, null]}}
            """;

        var created = await client.PostJsonAsync("/api/v1/offers", body);
        var fetched = await client.GetJsonAsync($"/api/v1/offers/{created.Json.GetProperty("id").GetString()}");

        created.AssertStatus(201);
        fetched.AssertStatus(200);
        var offer = fetched.Json;
        Assert.Equal("active", offer.GetProperty("status").GetString());
        Assert.Equal("travel", offer.GetProperty("category").GetString());
        Assert.Equal("""["email","in_app"]""", offer.GetProperty("channels").GetRawText());
        Assert.Equal("""{"all":[{"field":"tier","operator":"in","value":["gold","platinum"]}]}""", offer.GetProperty("qualification").GetRawText());
        Assert.Equal(0.35, offer.GetProperty("propensity").GetDouble());
        Assert.Equal(120.5, offer.GetProperty("businessValue").GetDouble());
        Assert.Equal(80, offer.GetProperty("priority").GetInt32());
        Assert.Equal("2026-03-01T00:00:00.000Z", offer.GetProperty("startAt").GetString());
        Assert.Equal("2026-04-01T10:30:00.250Z", offer.GetProperty("endAt").GetString());
        Assert.Equal("""{"title":"Travel safe","url":"https://example.com/t","tags":["a",1,null]}""", offer.GetProperty("content").GetRawText());
    }

    [Fact]
    public async Task Create_lists_every_invalid_field()
    {
        var client = (await app.NewTenantAsync()).Client();

        var response = await client.PostJsonAsync("/api/v1/offers",
            """{"status": "live", "propensity": 2, "businessValue": -1, "priority": 101, "channels": ["email", "fax"], "content": []}""");

        var fields = response.AssertError(400, "VALIDATION_ERROR");
        Assert.Equal(["name", "status", "channels[1]", "content", "propensity", "businessValue", "priority"], fields);
    }

    [Theory]
    [InlineData("""{"name": ""}""", "name")]
    [InlineData("""{"name": "x", "status": "running"}""", "status")]
    [InlineData("""{"name": "x", "category": ""}""", "category")]
    [InlineData("""{"name": "x", "category": 7}""", "category")]
    [InlineData("""{"name": "x", "channels": "email"}""", "channels")]
    [InlineData("""{"name": "x", "channels": ["fax"]}""", "channels[0]")]
    [InlineData("""{"name": "x", "qualification": {"field": "tier", "operator": "resembles", "value": 1}}""", "qualification.operator")]
    [InlineData("""{"name": "x", "qualification": {"all": [{"field": "", "operator": "eq", "value": 1}]}}""", "qualification.all[0].field")]
    [InlineData("""{"name": "x", "qualification": "tier = gold"}""", "qualification")]
    [InlineData("""{"name": "x", "propensity": 1.01}""", "propensity")]
    [InlineData("""{"name": "x", "propensity": -0.1}""", "propensity")]
    [InlineData("""{"name": "x", "propensity": "0.5"}""", "propensity")]
    [InlineData("""{"name": "x", "businessValue": -5}""", "businessValue")]
    [InlineData("""{"name": "x", "priority": -1}""", "priority")]
    [InlineData("""{"name": "x", "priority": 100.5}""", "priority")]
    [InlineData("""{"name": "x", "startAt": "next tuesday"}""", "startAt")]
    [InlineData("""{"name": "x", "endAt": 1767225600}""", "endAt")]
    [InlineData("""{"name": "x", "startAt": "2026-05-01T00:00:00Z", "endAt": "2026-05-01T00:00:00Z"}""", "endAt")]
    [InlineData("""{"name": "x", "content": "hello"}""", "content")]
    public async Task Create_rejects_a_bad_field_with_its_path(string body, string field)
    {
        var client = (await app.NewTenantAsync()).Client();

        var fields = (await client.PostJsonAsync("/api/v1/offers", body)).AssertError(400, "VALIDATION_ERROR");

        Assert.Equal([field], fields);
    }

    [Fact]
    public async Task Update_changes_only_the_given_fields_and_null_clears()
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = await SampleOffers.CreateAsync(client, "Gold card", new
        {
            category = "cards", channels = new[] { "sms" }, priority = 70,
            qualification = new { field = "tier", @operator = "eq", value = "gold" },
            endAt = "2027-01-01T00:00:00.000Z", content = new { title = "Gold" },
        });
        var before = (await client.GetJsonAsync($"/api/v1/offers/{id}")).Json;

        var updated = await client.PutJsonAsync($"/api/v1/offers/{id}",
            """{"status": "paused", "propensity": 0.9, "category": null, "qualification": null, "endAt": null, "channels": null}""");

        updated.AssertStatus(200);
        var offer = updated.Json;
        Assert.Equal("Gold card", offer.GetProperty("name").GetString());
        Assert.Equal("paused", offer.GetProperty("status").GetString());
        Assert.Equal(0.9, offer.GetProperty("propensity").GetDouble());
        Assert.Equal(70, offer.GetProperty("priority").GetInt32());
        Assert.Equal(JsonValueKind.Null, offer.GetProperty("category").ValueKind);
        Assert.Equal(JsonValueKind.Null, offer.GetProperty("qualification").ValueKind);
        Assert.Equal(JsonValueKind.Null, offer.GetProperty("endAt").ValueKind);
        Assert.Equal("[]", offer.GetProperty("channels").GetRawText());
        Assert.Equal("""{"title":"Gold"}""", offer.GetProperty("content").GetRawText());
        Assert.Equal(before.GetProperty("createdAt").GetString(), offer.GetProperty("createdAt").GetString());
        Assert.Equal(offer.GetRawText(), (await client.GetJsonAsync($"/api/v1/offers/{id}")).Json.GetRawText());
    }

    [Fact]
    public async Task Update_checks_a_new_end_against_the_kept_start()
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = await SampleOffers.CreateAsync(client, "Spring sale", new { startAt = "2026-04-01T00:00:00.000Z" });

        var early = await client.PutJsonAsync($"/api/v1/offers/{id}", new { endAt = "2026-03-01T00:00:00.000Z" });
        var later = await client.PutJsonAsync($"/api/v1/offers/{id}", new { endAt = "2026-05-01T00:00:00.000Z" });

        Assert.Equal(["endAt"], early.AssertError(400, "VALIDATION_ERROR"));
        later.AssertStatus(200);
    }

    [Fact]
    public async Task Update_rejects_a_null_name_and_names_the_field()
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = await SampleOffers.CreateAsync(client, "Gold card");

        var fields = (await client.PutJsonAsync($"/api/v1/offers/{id}", """{"name": null, "priority": 500}""")).AssertError(400, "VALIDATION_ERROR");

        Assert.Equal(["name", "priority"], fields);
    }

    [Fact]
    public async Task List_is_newest_first_and_filters_by_status_and_category()
    {
        var client = (await app.NewTenantAsync()).Client();
        var first = await SampleOffers.CreateAsync(client, "A", new { category = "cards" });
        var second = await SampleOffers.CreateAsync(client, "B", new { category = "loans" });
        var third = await SampleOffers.CreateAsync(client, "C", new { category = "cards", status = "draft" });

        var all = await client.GetJsonAsync("/api/v1/offers");
        var active = await client.GetJsonAsync("/api/v1/offers?status=active");
        var cards = await client.GetJsonAsync("/api/v1/offers?category=cards");
        var activeCards = await client.GetJsonAsync("/api/v1/offers?category=cards&status=active");
        var page = await client.GetJsonAsync("/api/v1/offers?limit=1&offset=1");

        Assert.Equal([third, second, first], Ids(all));
        Assert.Equal([second, first], Ids(active));
        Assert.Equal([third, first], Ids(cards));
        Assert.Equal([first], Ids(activeCards));
        Assert.Equal([second], Ids(page));
        var pagination = page.Json.GetProperty("pagination");
        Assert.Equal(3, pagination.GetProperty("total").GetInt32());
        Assert.True(pagination.GetProperty("hasMore").GetBoolean());
    }

    [Theory]
    [InlineData("status=live", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("offset=-1", "offset")]
    public async Task List_rejects_bad_query_values(string query, string field)
    {
        var client = (await app.NewTenantAsync()).Client();

        var fields = (await client.GetJsonAsync($"/api/v1/offers?{query}")).AssertError(400, "VALIDATION_ERROR");

        Assert.Equal([field], fields);
    }

    [Fact]
    public async Task Delete_needs_an_admin_and_removes_the_offer()
    {
        var tenant = await app.NewTenantAsync();
        var id = await SampleOffers.CreateAsync(tenant.Client(), "Gold card");

        var byEditor = await tenant.Client(Roles.Editor).DeleteJsonAsync($"/api/v1/offers/{id}");
        var byAdmin = await tenant.Client(Roles.Admin).DeleteJsonAsync($"/api/v1/offers/{id}");
        var again = await tenant.Client(Roles.Admin).DeleteJsonAsync($"/api/v1/offers/{id}");

        byEditor.AssertError(403, "FORBIDDEN");
        byAdmin.AssertStatus(204);
        again.AssertError(404, "NOT_FOUND");
        (await tenant.Client().GetJsonAsync($"/api/v1/offers/{id}")).AssertError(404, "NOT_FOUND");
    }

    [Fact]
    public async Task A_viewer_can_neither_read_nor_write_offers()
    {
        var tenant = await app.NewTenantAsync();
        var viewer = tenant.Client(Roles.Viewer);

        (await viewer.GetJsonAsync("/api/v1/offers")).AssertError(403, "FORBIDDEN");
        (await viewer.PostJsonAsync("/api/v1/offers", new { name = "x" })).AssertError(403, "FORBIDDEN");
    }

    [Fact]
    public async Task Another_tenants_offer_is_not_found_and_not_listed()
    {
        var owner = await app.NewTenantAsync();
        var other = await app.NewTenantAsync();
        var id = await SampleOffers.CreateAsync(owner.Client(), "Gold card");

        (await other.Client().GetJsonAsync($"/api/v1/offers/{id}")).AssertError(404, "NOT_FOUND");
        (await other.Client().PutJsonAsync($"/api/v1/offers/{id}", new { name = "mine" })).AssertError(404, "NOT_FOUND");
        (await other.Client(Roles.Admin).DeleteJsonAsync($"/api/v1/offers/{id}")).AssertError(404, "NOT_FOUND");
        Assert.Empty(Ids(await other.Client().GetJsonAsync("/api/v1/offers")));
        Assert.Equal("Gold card", (await owner.Client().GetJsonAsync($"/api/v1/offers/{id}")).Json.GetProperty("name").GetString());
    }

    private static List<string> Ids(ApiResponse page)
    {
        page.AssertStatus(200);
        return [.. page.Json.GetProperty("data").EnumerateArray().Select(o => o.GetProperty("id").GetString()!)];
    }
}

public sealed class OfferCrudOnSqlite(SqliteApp app) : OfferCrudTests(app);

public sealed class OfferCrudOnPostgres(PostgresApp app) : OfferCrudTests(app);
