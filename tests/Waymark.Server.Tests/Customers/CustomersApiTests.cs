using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Waymark.Server.Auth;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Customers;

public abstract partial class CustomersApiTests(TestApp app)
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex Timestamp();

    [Fact]
    public async Task Put_creates_a_customer_and_answers_201_with_its_view()
    {
        var client = (await app.NewTenantAsync()).Client();

        var response = await client.PutJsonAsync("/api/v1/customers/cust_1", new { attributes = new { tier = "gold", score = 42 } });

        response.AssertStatus(201);
        Assert.Equal(["customerId", "attributes", "createdAt", "updatedAt"], response.Json.Keys());
        Assert.Equal("cust_1", response.Json.GetProperty("customerId").GetString());
        AssertJson("""{"tier":"gold","score":42}""", response.Json.GetProperty("attributes"));
        Assert.Matches(Timestamp(), response.Json.GetProperty("createdAt").GetString());
        Assert.Equal(response.Json.GetProperty("createdAt").GetString(), response.Json.GetProperty("updatedAt").GetString());
        Assert.Equal("/api/v1/customers/cust_1", response.Message.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Put_on_an_existing_customer_replaces_every_attribute_and_answers_200()
    {
        var client = (await app.NewTenantAsync()).Client();
        var created = await client.PutJsonAsync("/api/v1/customers/c1", """{"attributes": {"tier": "gold", "prefs": {"email": true}}}""");

        var replaced = await client.PutJsonAsync("/api/v1/customers/c1", """{"attributes": {"prefs": {"sms": true}, "gone": null}}""");
        var read = await client.GetJsonAsync("/api/v1/customers/c1");

        replaced.AssertStatus(200);
        AssertJson("""{"prefs":{"sms":true},"gone":null}""", replaced.Json.GetProperty("attributes"));
        Assert.Equal(created.Json.GetProperty("createdAt").GetString(), replaced.Json.GetProperty("createdAt").GetString());
        Assert.Equal(replaced.Json.GetRawText(), read.Json.GetRawText());
    }

    [Fact]
    public async Task Get_answers_the_stored_customer()
    {
        var client = (await app.NewTenantAsync()).Client();
        var put = await client.PutJsonAsync("/api/v1/customers/c1", """{"attributes": {"name": "Zoë", "tags": ["a", "b"], "n": 1.5}}""");

        var response = await client.GetJsonAsync("/api/v1/customers/c1");

        response.AssertStatus(200);
        Assert.Equal(put.Json.GetRawText(), response.Json.GetRawText());
        AssertJson("""{"name":"Zoë","tags":["a","b"],"n":1.5}""", response.Json.GetProperty("attributes"));
    }

    [Fact]
    public async Task Get_of_an_unknown_customer_is_404()
    {
        var client = (await app.NewTenantAsync()).Client();

        (await client.GetJsonAsync("/api/v1/customers/nobody")).AssertError(404, "NOT_FOUND");
    }

    [Fact]
    public async Task Patch_merges_objects_deeply_and_null_deletes_a_key()
    {
        var client = (await app.NewTenantAsync()).Client();
        var created = await client.PutJsonAsync("/api/v1/customers/c1",
            """{"attributes": {"tier": "gold", "prefs": {"email": true, "sms": true}, "tags": ["a"], "address": {"city": "Lyon"}}}""");

        var patched = await client.SendJsonAsync(HttpMethod.Patch, "/api/v1/customers/c1",
            """{"attributes": {"tier": null, "prefs": {"sms": null, "push": true}, "tags": ["b"], "score": 3}}""");

        patched.AssertStatus(200);
        AssertJson("""{"prefs":{"email":true,"push":true},"tags":["b"],"address":{"city":"Lyon"},"score":3}""", patched.Json.GetProperty("attributes"));
        Assert.Equal(created.Json.GetProperty("createdAt").GetString(), patched.Json.GetProperty("createdAt").GetString());
        var read = await client.GetJsonAsync("/api/v1/customers/c1");
        Assert.Equal(patched.Json.GetRawText(), read.Json.GetRawText());
    }

    [Fact]
    public async Task Patch_creates_a_missing_customer_with_201_without_the_deleted_keys()
    {
        var client = (await app.NewTenantAsync()).Client();

        var response = await client.SendJsonAsync(HttpMethod.Patch, "/api/v1/customers/new",
            """{"attributes": {"tier": "silver", "old": null, "prefs": {"sms": null}}}""");

        response.AssertStatus(201);
        AssertJson("""{"tier":"silver","prefs":{}}""", response.Json.GetProperty("attributes"));
        Assert.Equal("/api/v1/customers/new", response.Message.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Concurrent_patches_of_one_customer_all_land()
    {
        var client = (await app.NewTenantAsync()).Client();
        (await client.PutJsonAsync("/api/v1/customers/c1", new { attributes = new { } })).AssertStatus(201);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            client.SendJsonAsync(HttpMethod.Patch, "/api/v1/customers/c1", new { attributes = new Dictionary<string, int> { [$"k{i}"] = i } })));
        var attributes = (await client.GetJsonAsync("/api/v1/customers/c1")).Json.GetProperty("attributes");

        Assert.All(responses, r => r.AssertStatus(200));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"k{i}").Order(StringComparer.Ordinal), attributes.Keys().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{}""", "attributes")]
    [InlineData("""{"attributes": null}""", "attributes")]
    [InlineData("""{"attributes": [1, 2]}""", "attributes")]
    [InlineData("""{"attributes": "gold"}""", "attributes")]
    [InlineData("""[{"attributes": {}}]""", "body")]
    public async Task Put_and_patch_require_an_attributes_object(string body, string field)
    {
        var client = (await app.NewTenantAsync()).Client();

        var put = await client.PutJsonAsync("/api/v1/customers/c1", body);
        var patch = await client.SendJsonAsync(HttpMethod.Patch, "/api/v1/customers/c1", body);

        Assert.Equal([field], put.AssertError(400, "VALIDATION_ERROR"));
        Assert.Equal([field], patch.AssertError(400, "VALIDATION_ERROR"));
        (await client.GetJsonAsync("/api/v1/customers/c1")).AssertError(404, "NOT_FOUND");
    }

    [Fact]
    public async Task Malformed_missing_and_non_JSON_bodies_use_the_envelope()
    {
        var client = (await app.NewTenantAsync()).Client();

        (await client.PutJsonAsync("/api/v1/customers/c1", """{"attributes": {""")).AssertError(400, "BAD_REQUEST");
        (await client.SendJsonAsync(HttpMethod.Patch, "/api/v1/customers/c1", null)).AssertError(400, "BAD_REQUEST");
        using var text = new StringContent("attributes=1", System.Text.Encoding.UTF8, "text/plain");
        var response = await Infrastructure.Api.ReadAsync(await client.PutAsync("/api/v1/customers/c1", text));
        response.AssertError(415, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Theory]
    [InlineData("%20%20")]
    [InlineData("LONG")]
    public async Task A_blank_or_overlong_customer_id_is_a_validation_error_on_every_method(string customerId)
    {
        var tenant = await app.NewTenantAsync();
        var client = tenant.Client(Roles.Admin);
        var url = "/api/v1/customers/" + (customerId == "LONG" ? new string('x', 256) : customerId);
        const string body = """{"attributes": {}}""";

        Assert.Equal(["customerId"], (await client.GetJsonAsync(url)).AssertError(400, "VALIDATION_ERROR"));
        Assert.Equal(["customerId"], (await client.PutJsonAsync(url, body)).AssertError(400, "VALIDATION_ERROR"));
        Assert.Equal(["customerId"], (await client.SendJsonAsync(HttpMethod.Patch, url, body)).AssertError(400, "VALIDATION_ERROR"));
        Assert.Equal(["customerId"], (await client.DeleteJsonAsync(url)).AssertError(400, "VALIDATION_ERROR"));
    }

    [Fact]
    public async Task A_customer_id_of_255_characters_and_any_text_is_accepted()
    {
        var client = (await app.NewTenantAsync()).Client();
        var longest = new string('x', 255);
        const string spaced = "user 42 ü@example.com";

        (await client.PutJsonAsync($"/api/v1/customers/{longest}", new { attributes = new { } })).AssertStatus(201);
        var created = await client.PutJsonAsync($"/api/v1/customers/{Uri.EscapeDataString(spaced)}", new { attributes = new { } });

        created.AssertStatus(201);
        Assert.Equal(spaced, created.Json.GetProperty("customerId").GetString());
        (await client.GetJsonAsync($"/api/v1/customers/{longest}")).AssertStatus(200);
    }

    [Fact]
    public async Task A_customer_id_holding_a_slash_is_addressed_with_an_escaped_slash()
    {
        var tenant = await app.NewTenantAsync();
        var client = tenant.Client();
        (await client.PostJsonAsync("/api/v1/customers/batch", """{"customers": [{"customerId": "org/42", "attributes": {"a": 1}}]}""")).AssertStatus(200);

        var read = await client.GetJsonAsync("/api/v1/customers/org%2F42");
        var patched = await client.SendJsonAsync(HttpMethod.Patch, "/api/v1/customers/org%2f42", new { attributes = new { b = 2 } });
        var created = await client.PutJsonAsync("/api/v1/customers/a%2Fb", new { attributes = new { } });

        read.AssertStatus(200);
        Assert.Equal("org/42", read.Json.GetProperty("customerId").GetString());
        AssertJson("""{"a":1,"b":2}""", patched.Json.GetProperty("attributes"));
        Assert.Equal("a/b", created.Json.GetProperty("customerId").GetString());
        Assert.Equal("/api/v1/customers/a%2Fb", created.Message.Headers.Location?.OriginalString);
        (await tenant.Client(Roles.Admin).DeleteJsonAsync("/api/v1/customers/org%2F42")).AssertStatus(204);
    }

    [Fact]
    public async Task Unknown_request_keys_are_ignored()
    {
        var client = (await app.NewTenantAsync()).Client();

        var response = await client.PutJsonAsync("/api/v1/customers/c1", """{"attributes": {"a": 1}, "customerId": "other", "extra": true}""");

        response.AssertStatus(201);
        Assert.Equal("c1", response.Json.GetProperty("customerId").GetString());
    }

    internal static void AssertJson(string expected, JsonElement actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual.GetRawText())), $"expected {expected} but got {actual.GetRawText()}");
}

public sealed class CustomersApiOnSqlite(SqliteApp app) : CustomersApiTests(app);

public sealed class CustomersApiOnPostgres(PostgresApp app) : CustomersApiTests(app);
