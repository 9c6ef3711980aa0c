using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Customers;

public abstract class CustomerBatchTests(TestApp app)
{
    [Fact]
    public async Task A_batch_of_1000_is_upserted_and_readable()
    {
        var client = (await app.NewTenantAsync()).Client();
        var customers = Enumerable.Range(0, 1000).Select(i => new { customerId = $"c{i:D4}", attributes = new { n = i, tier = i % 2 == 0 ? "gold" : "silver" } });

        var response = await client.PostJsonAsync("/api/v1/customers/batch", new { customers });

        response.AssertStatus(200);
        Assert.Equal("""{"received":1000,"upserted":1000}""", response.Json.GetRawText());
        var first = await client.GetJsonAsync("/api/v1/customers/c0000");
        var last = await client.GetJsonAsync("/api/v1/customers/c0999");
        CustomersApiTests.AssertJson("""{"n":0,"tier":"gold"}""", first.Json.GetProperty("attributes"));
        CustomersApiTests.AssertJson("""{"n":999,"tier":"silver"}""", last.Json.GetProperty("attributes"));
    }

    [Fact]
    public async Task A_batch_replaces_existing_customers_and_keeps_when_they_were_created()
    {
        var client = (await app.NewTenantAsync()).Client();
        var created = await client.PutJsonAsync("/api/v1/customers/c1", new { attributes = new { tier = "gold", score = 1 } });

        var response = await client.PostJsonAsync("/api/v1/customers/batch",
            """{"customers": [{"customerId": "c1", "attributes": {"tier": "silver"}}, {"customerId": "c2", "attributes": {}}]}""");

        Assert.Equal("""{"received":2,"upserted":2}""", response.Json.GetRawText());
        var c1 = (await client.GetJsonAsync("/api/v1/customers/c1")).Json;
        CustomersApiTests.AssertJson("""{"tier":"silver"}""", c1.GetProperty("attributes"));
        Assert.Equal(created.Json.GetProperty("createdAt").GetString(), c1.GetProperty("createdAt").GetString());
        (await client.GetJsonAsync("/api/v1/customers/c2")).AssertStatus(200);
    }

    [Fact]
    public async Task A_customer_repeated_in_the_batch_keeps_its_last_attributes()
    {
        var client = (await app.NewTenantAsync()).Client();

        var response = await client.PostJsonAsync("/api/v1/customers/batch", """
            {"customers": [
                {"customerId": "x", "attributes": {"v": 1}},
                {"customerId": "y", "attributes": {"v": 2}},
                {"customerId": "x", "attributes": {"v": 3}}
            ]}
            """);

        Assert.Equal("""{"received":3,"upserted":2}""", response.Json.GetRawText());
        CustomersApiTests.AssertJson("""{"v":3}""", (await client.GetJsonAsync("/api/v1/customers/x")).Json.GetProperty("attributes"));
    }

    [Fact]
    public async Task Every_bad_item_is_listed_by_its_path_and_nothing_is_written()
    {
        var client = (await app.NewTenantAsync()).Client();
        var tooLong = new string('x', 256);

        var response = await client.PostJsonAsync("/api/v1/customers/batch", $$$"""
            {"customers": [
                {"customerId": "ok", "attributes": {}},
                {"customerId": "  ", "attributes": {}},
                {"attributes": {}},
                {"customerId": "a", "attributes": [1]},
                "b",
                {"customerId": 5, "attributes": {}},
                {"customerId": "c"},
                {"customerId": "{{{tooLong}}}", "attributes": null}
            ]}
            """);

        Assert.Equal(
            ["customers[1].customerId", "customers[2].customerId", "customers[3].attributes", "customers[4]",
             "customers[5].customerId", "customers[6].attributes", "customers[7].customerId", "customers[7].attributes"],
            response.AssertError(400, "VALIDATION_ERROR"));
        (await client.GetJsonAsync("/api/v1/customers/ok")).AssertError(404, "NOT_FOUND");
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"customers": null}""")]
    [InlineData("""{"customers": {"customerId": "a", "attributes": {}}}""")]
    [InlineData("""{"customers": []}""")]
    public async Task The_customers_list_is_required_and_not_empty(string body)
    {
        var client = (await app.NewTenantAsync()).Client();

        Assert.Equal(["customers"], (await client.PostJsonAsync("/api/v1/customers/batch", body)).AssertError(400, "VALIDATION_ERROR"));
    }

    [Fact]
    public async Task More_than_1000_customers_is_a_validation_error()
    {
        var client = (await app.NewTenantAsync()).Client();
        var customers = Enumerable.Range(0, 1001).Select(i => new { customerId = $"c{i}", attributes = new { } });

        var response = await client.PostJsonAsync("/api/v1/customers/batch", new { customers });

        Assert.Equal(["customers"], response.AssertError(400, "VALIDATION_ERROR"));
    }
}

public sealed class CustomerBatchOnSqlite(SqliteApp app) : CustomerBatchTests(app);

public sealed class CustomerBatchOnPostgres(PostgresApp app) : CustomerBatchTests(app);
