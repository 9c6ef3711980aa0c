using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Enrollments;

public abstract class EnrollTests(TestApp app)
{
    [Fact]
    public async Task Enrolling_one_customer_answers_the_reference_shape()
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = await SampleJourneys.CreateActiveAsync(client, "New Customer Onboarding");

        var response = await client.PostJsonAsync($"/api/v1/journeys/{id}/enroll", new { customerId = "cust_1" });

        response.AssertStatus(201);
        Assert.Equal($$"""{"journeyId":"{{id}}","journeyName":"New Customer Onboarding","enrolled":1,"skipped":0,"errors":0,"total":1}""", response.Json.GetRawText());
    }

    [Fact]
    public async Task Duplicates_in_the_request_and_already_active_customers_are_skipped()
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = await SampleJourneys.CreateActiveAsync(client);
        (await client.PostJsonAsync($"/api/v1/journeys/{id}/enroll", new { customerId = "a" })).AssertStatus(201);

        var response = await client.PostJsonAsync($"/api/v1/journeys/{id}/enroll", new { customerIds = new[] { "a", "b", "c", "b", "d", "e" } });

        Assert.Equal(4, response.Json.GetProperty("enrolled").GetInt32());
        Assert.Equal(2, response.Json.GetProperty("skipped").GetInt32());
        Assert.Equal(6, response.Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_batch_of_1000_is_enrolled_and_counted()
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = await SampleJourneys.CreateActiveAsync(client);
        var customers = Enumerable.Range(0, 1000).Select(i => $"c{i:D4}").ToArray();

        var response = await client.PostJsonAsync($"/api/v1/journeys/{id}/enroll", new { customerIds = customers });
        var analytics = (await client.GetJsonAsync($"/api/v1/journeys/{id}/analytics")).Json;

        Assert.Equal(1000, response.Json.GetProperty("enrolled").GetInt32());
        Assert.Equal(1000, analytics.GetProperty("funnel").GetProperty("totalEntries").GetInt32());
        Assert.Equal(1000, analytics.GetProperty("funnel").GetProperty("activeCount").GetInt32());
        Assert.Equal(1000, analytics.GetProperty("steps")[0].GetProperty("reached").GetInt32());
    }

    [Fact]
    public async Task Concurrent_enrolls_of_the_same_customers_enroll_each_once()
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = await SampleJourneys.CreateActiveAsync(client);
        var customers = Enumerable.Range(0, 200).Select(i => $"c{i}").ToArray();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            client.PostJsonAsync($"/api/v1/journeys/{id}/enroll", new { customerIds = customers })));
        var analytics = (await client.GetJsonAsync($"/api/v1/journeys/{id}/analytics")).Json;

        Assert.All(responses, r => r.AssertStatus(201));
        Assert.Equal(200, responses.Sum(r => r.Json.GetProperty("enrolled").GetInt32()));
        Assert.Equal(200, analytics.GetProperty("funnel").GetProperty("totalEntries").GetInt32());
    }

    [Theory]
    [InlineData("""{}""", "customerId")]
    [InlineData("""{"customerId": "a", "customerIds": ["b"]}""", "customerId")]
    [InlineData("""{"customerIds": []}""", "customerIds")]
    [InlineData("""{"customerIds": "a"}""", "customerIds")]
    [InlineData("""{"customerIds": ["a", " "]}""", "customerIds[1]")]
    [InlineData("""{"customerIds": ["a", 7]}""", "customerIds[1]")]
    [InlineData("""{"customerId": ""}""", "customerId")]
    [InlineData("""{"customerId": 42}""", "customerId")]
    public async Task Bad_customer_ids_are_validation_errors(string body, string field)
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = await SampleJourneys.CreateActiveAsync(client);

        var fields = (await client.PostJsonAsync($"/api/v1/journeys/{id}/enroll", body)).AssertError(400, "VALIDATION_ERROR");

        Assert.Equal([field], fields);
    }

    [Fact]
    public async Task More_than_1000_ids_is_a_validation_error()
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = await SampleJourneys.CreateActiveAsync(client);

        var response = await client.PostJsonAsync($"/api/v1/journeys/{id}/enroll", new { customerIds = Enumerable.Range(0, 1001).Select(i => $"c{i}") });

        Assert.Equal(["customerIds"], response.AssertError(400, "VALIDATION_ERROR"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("paused")]
    [InlineData("archived")]
    public async Task Only_active_journeys_enroll(string? status)
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = status is null ? await SampleJourneys.CreateAsync(client) : await SampleJourneys.CreateActiveAsync(client);
        if (status is not null) (await client.PutJsonAsync($"/api/v1/journeys/{id}", new { status })).AssertStatus(200);

        (await client.PostJsonAsync($"/api/v1/journeys/{id}/enroll", new { customerId = "a" })).AssertError(400, "BAD_REQUEST");
    }

    [Fact]
    public async Task Enrolling_into_an_unknown_journey_is_404()
    {
        var client = (await app.NewTenantAsync()).Client();

        (await client.PostJsonAsync("/api/v1/journeys/jrn_nope/enroll", new { customerId = "a" })).AssertError(404, "NOT_FOUND");
    }

    [Fact]
    public async Task Being_active_in_one_journey_does_not_block_another()
    {
        var client = (await app.NewTenantAsync()).Client();
        var first = await SampleJourneys.CreateActiveAsync(client, "first");
        var second = await SampleJourneys.CreateActiveAsync(client, "second");
        (await client.PostJsonAsync($"/api/v1/journeys/{first}/enroll", new { customerId = "a" })).AssertStatus(201);

        var again = await client.PostJsonAsync($"/api/v1/journeys/{second}/enroll", new { customerId = "a" });

        Assert.Equal(1, again.Json.GetProperty("enrolled").GetInt32());
    }
}

public sealed class EnrollOnSqlite(SqliteApp app) : EnrollTests(app);

public sealed class EnrollOnPostgres(PostgresApp app) : EnrollTests(app);
