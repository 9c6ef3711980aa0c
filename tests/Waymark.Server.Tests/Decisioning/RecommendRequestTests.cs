using Waymark.Server.Auth;
using Waymark.Server.Tests.Infrastructure;
using Waymark.Server.Tests.Offers;

namespace Waymark.Server.Tests.Decisioning;

public abstract class RecommendRequestTests(TestApp app)
{
    [Fact]
    public async Task A_decision_with_no_offer_answers_an_empty_list()
    {
        var client = (await app.NewTenantAsync()).Client();

        var answer = await client.PostJsonAsync("/api/v1/recommend", new { customerId = "c1", debug = true });

        answer.AssertStatus(200);
        Assert.Empty(OfferIds(answer));
        Assert.Equal(0, answer.Json.GetProperty("debug").GetProperty("considered").GetInt32());
    }

    [Fact]
    public async Task An_unknown_flow_is_not_found()
    {
        var client = (await app.NewTenantAsync()).Client();

        var answer = await client.PostJsonAsync("/api/v1/recommend", new { customerId = "c1", decisionFlowKey = "nope" });

        answer.AssertError(404, "NOT_FOUND");
    }

    [Fact]
    public async Task Another_tenants_flow_is_not_found_and_its_offers_never_compete()
    {
        var owner = await app.NewTenantAsync();
        var other = await app.NewTenantAsync();
        await SampleOffers.CreateAsync(owner.Client(), "Owner's");
        await SampleOffers.CreateFlowAsync(owner.Client(), "owners", new { limit = 1 });

        (await other.Client().PostJsonAsync("/api/v1/recommend", new { customerId = "c1", decisionFlowKey = "owners" })).AssertError(404, "NOT_FOUND");
        Assert.Empty(OfferIds(await other.Client().PostJsonAsync("/api/v1/recommend", new { customerId = "c1" })));
    }

    [Theory]
    [InlineData("""{}""", "customerId")]
    [InlineData("""{"customerId": ""}""", "customerId")]
    [InlineData("""{"customerId": 42}""", "customerId")]
    [InlineData("""{"customerId": "c1", "decisionFlowKey": 7}""", "decisionFlowKey")]
    [InlineData("""{"customerId": "c1", "channel": "fax"}""", "channel")]
    [InlineData("""{"customerId": "c1", "limit": 0}""", "limit")]
    [InlineData("""{"customerId": "c1", "limit": 51}""", "limit")]
    [InlineData("""{"customerId": "c1", "limit": "5"}""", "limit")]
    [InlineData("""{"customerId": "c1", "attributes": ["tier"]}""", "attributes")]
    [InlineData("""{"customerId": "c1", "debug": "yes"}""", "debug")]
    public async Task A_bad_field_is_a_400_naming_it(string body, string field)
    {
        var client = (await app.NewTenantAsync()).Client();

        var fields = (await client.PostJsonAsync("/api/v1/recommend", body)).AssertError(400, "VALIDATION_ERROR");

        Assert.Equal([field], fields);
    }

    [Fact]
    public async Task A_customer_id_of_256_characters_is_refused()
    {
        var client = (await app.NewTenantAsync()).Client();

        var fields = (await client.PostJsonAsync("/api/v1/recommend", new { customerId = new string('c', 256) })).AssertError(400, "VALIDATION_ERROR");

        Assert.Equal(["customerId"], fields);
    }

    [Fact]
    public async Task A_viewer_cannot_ask_for_recommendations()
    {
        var tenant = await app.NewTenantAsync();

        (await tenant.Client(Roles.Viewer).PostJsonAsync("/api/v1/recommend", new { customerId = "c1" })).AssertError(403, "FORBIDDEN");
    }

    private static List<string> OfferIds(ApiResponse answer)
    {
        answer.AssertStatus(200);
        return [.. answer.Json.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("offerId").GetString()!)];
    }
}

public sealed class RecommendRequestsOnSqlite(SqliteApp app) : RecommendRequestTests(app);

public sealed class RecommendRequestsOnPostgres(PostgresApp app) : RecommendRequestTests(app);
