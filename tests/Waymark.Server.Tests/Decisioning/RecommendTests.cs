using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Server.Persistence;
using Waymark.Server.Tests.Infrastructure;
using Waymark.Server.Tests.Offers;

namespace Waymark.Server.Tests.Decisioning;

public abstract class RecommendTests(TestApp app)
{
    [Fact]
    public async Task Ranks_offers_by_the_PRIE_score_as_computed_by_hand()
    {
        var client = (await app.NewTenantAsync()).Client();
        // Equal weights: score = (propensity · relevance · impact · emphasis)^0.25. Impact is the
        // business value over the largest (100); relevance is 1 for a category among the
        // customer's interests or no category, 0.5 otherwise; emphasis is priority / 100.
        var travel = await SampleOffers.CreateAsync(client, "Travel", new { category = "travel", propensity = 0.9, businessValue = 100, priority = 50, content = new { title = "Fly" } });
        var dining = await SampleOffers.CreateAsync(client, "Dining", new { category = "dining", propensity = 0.8, businessValue = 80, priority = 80 });
        var plain = await SampleOffers.CreateAsync(client, "Plain", new { propensity = 0.5, businessValue = 50, priority = 100 });

        var answer = await client.PostJsonAsync("/api/v1/recommend", new { customerId = "c1", attributes = new { interests = new[] { "travel" } } });

        answer.AssertStatus(200);
        Assert.Equal(["customerId", "decisionFlowKey", "decisions"], answer.Json.Keys());
        Assert.Equal("c1", answer.Json.GetProperty("customerId").GetString());
        Assert.Equal("default-flow", answer.Json.GetProperty("decisionFlowKey").GetString());
        var decisions = answer.Json.GetProperty("decisions").EnumerateArray().ToList();
        Assert.Equal([travel, dining, plain], decisions.Select(d => d.GetProperty("offerId").GetString()));
        Assert.Equal([1, 2, 3], decisions.Select(d => d.GetProperty("rank").GetInt32()));
        Assert.Equal(Math.Pow(0.9 * 1 * 1.0 * 0.5, 0.25), decisions[0].GetProperty("score").GetDouble(), 12); // 0.8190
        Assert.Equal(Math.Pow(0.8 * 0.5 * 0.8 * 0.8, 0.25), decisions[1].GetProperty("score").GetDouble(), 12); // 0.7113
        Assert.Equal(Math.Pow(0.5 * 1 * 0.5 * 1.0, 0.25), decisions[2].GetProperty("score").GetDouble(), 12); // 0.7071
        Assert.Equal(["rank", "offerId", "name", "score", "recommendationId", "content"], decisions[0].Keys());
        Assert.Equal("Travel", decisions[0].GetProperty("name").GetString());
        Assert.Equal("""{"title":"Fly"}""", decisions[0].GetProperty("content").GetRawText());
        Assert.All(decisions, d => Assert.StartsWith("rec_", d.GetProperty("recommendationId").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_flows_weights_change_the_ranking()
    {
        var client = (await app.NewTenantAsync()).Client();
        var likely = await SampleOffers.CreateAsync(client, "Likely", new { propensity = 0.9, businessValue = 60 });
        var valuable = await SampleOffers.CreateAsync(client, "Valuable", new { propensity = 0.2, businessValue = 100 });
        await SampleOffers.CreateFlowAsync(client, "by-value", new { weights = new { impact = 0.8, propensity = 0.2 }, limit = 5 });

        var byDefault = await client.PostJsonAsync("/api/v1/recommend", new { customerId = "c1" });
        var byValue = await client.PostJsonAsync("/api/v1/recommend", new { customerId = "c1", decisionFlowKey = "by-value" });

        Assert.Equal([likely, valuable], OfferIds(byDefault));
        Assert.Equal([valuable, likely], OfferIds(byValue));
        // Equal weights: (0.9 · 0.6 · 0.5)^0.25 = 0.7208 against (0.2 · 1 · 0.5)^0.25 = 0.5623; by value: 0.6^0.8 · 0.9^0.2 = 0.6507 against 0.2^0.2 = 0.7248.
        Assert.Equal(Math.Pow(0.6, 0.8) * Math.Pow(0.9, 0.2), byValue.Json.GetProperty("decisions")[1].GetProperty("score").GetDouble(), 12);
    }

    [Fact]
    public async Task A_customers_own_scores_replace_the_offers_propensity()
    {
        var client = (await app.NewTenantAsync()).Client();
        var first = await SampleOffers.CreateAsync(client, "First", new { propensity = 0.9 });
        var second = await SampleOffers.CreateAsync(client, "Second", new { propensity = 0.5 });

        var answer = await client.PostJsonAsync("/api/v1/recommend",
            new { customerId = "c1", attributes = new { propensityScores = new Dictionary<string, double> { [second] = 1.0 } } });

        Assert.Equal([second, first], OfferIds(answer));
    }

    [Fact]
    public async Task The_limit_keeps_the_best_offers_and_defaults_to_five()
    {
        var client = (await app.NewTenantAsync()).Client();
        var ids = new List<string>();
        for (var i = 0; i < 7; i++) ids.Add(await SampleOffers.CreateAsync(client, $"Offer {i}", new { priority = 30 + (10 * i) }));

        var byDefault = await client.PostJsonAsync("/api/v1/recommend", new { customerId = "c1" });
        var two = await client.PostJsonAsync("/api/v1/recommend", new { customerId = "c1", limit = 2 });

        Assert.Equal([ids[6], ids[5], ids[4], ids[3], ids[2]], OfferIds(byDefault));
        Assert.Equal([ids[6], ids[5]], OfferIds(two));
    }

    [Fact]
    public async Task Only_offers_allowed_on_the_requested_channel_compete()
    {
        var client = (await app.NewTenantAsync()).Client();
        var anywhere = await SampleOffers.CreateAsync(client, "Anywhere", new { priority = 10 });
        var smsOnly = await SampleOffers.CreateAsync(client, "SMS only", new { channels = new[] { "sms" }, priority = 90 });

        var email = await client.PostJsonAsync("/api/v1/recommend", new { customerId = "c1", channel = "email" });
        var sms = await client.PostJsonAsync("/api/v1/recommend", new { customerId = "c1", channel = "sms" });
        var any = await client.PostJsonAsync("/api/v1/recommend", new { customerId = "c1" });

        Assert.Equal([anywhere], OfferIds(email));
        Assert.Equal([smsOnly, anywhere], OfferIds(sms));
        Assert.Equal([smsOnly, anywhere], OfferIds(any));
    }

    [Fact]
    public async Task Qualification_reads_the_stored_attributes_and_request_attributes_override_them()
    {
        var client = (await app.NewTenantAsync()).Client();
        (await client.PutJsonAsync("/api/v1/customers/c1", new { attributes = new { tier = "gold", address = new { country = "FR" } } })).AssertStatus(201);
        var gold = await SampleOffers.CreateAsync(client, "Gold", new
        {
            qualification = new { all = new object[]
            {
                new { field = "tier", @operator = "eq", value = "gold" },
                new { field = "address.country", @operator = "eq", value = "FR" },
            } },
        });
        var silver = await SampleOffers.CreateAsync(client, "Silver", new { qualification = new { field = "tier", @operator = "eq", value = "silver" }, priority = 10 });

        var stored = await client.PostJsonAsync("/api/v1/recommend", new { customerId = "c1" });
        var overridden = await client.PostJsonAsync("/api/v1/recommend", new { customerId = "c1", attributes = new { tier = "silver" } });
        var merged = await client.PostJsonAsync("/api/v1/recommend", new { customerId = "c1", attributes = new { address = new { city = "Lyon" } } });
        var removed = await client.PostJsonAsync("/api/v1/recommend", """{"customerId": "c1", "attributes": {"tier": null}}""");
        var stranger = await client.PostJsonAsync("/api/v1/recommend", new { customerId = "nobody", attributes = new { tier = "silver" } });

        Assert.Equal([gold], OfferIds(stored));
        Assert.Equal([silver], OfferIds(overridden));
        Assert.Equal([gold], OfferIds(merged));
        Assert.Empty(OfferIds(removed));
        Assert.Equal([silver], OfferIds(stranger));
        var profile = await client.GetJsonAsync("/api/v1/customers/c1");
        Assert.Equal("gold", profile.Json.GetProperty("attributes").GetProperty("tier").GetString());
    }

    [Fact]
    public async Task The_contact_policy_holds_back_an_offer_already_made_within_the_window()
    {
        var client = (await app.NewTenantAsync()).Client();
        var best = await SampleOffers.CreateAsync(client, "Best", new { priority = 90 });
        var next = await SampleOffers.CreateAsync(client, "Next", new { priority = 60 });
        await SampleOffers.CreateFlowAsync(client, "polite", new { contactPolicy = new { hours = 24 } });

        var first = await client.PostJsonAsync("/api/v1/recommend", new { customerId = "c1", decisionFlowKey = "polite", limit = 1 });
        var second = await client.PostJsonAsync("/api/v1/recommend", new { customerId = "c1", decisionFlowKey = "polite", limit = 1 });
        var third = await client.PostJsonAsync("/api/v1/recommend", new { customerId = "c1", decisionFlowKey = "polite", limit = 1 });
        var otherCustomer = await client.PostJsonAsync("/api/v1/recommend", new { customerId = "c2", decisionFlowKey = "polite", limit = 1 });
        var withoutPolicy = await client.PostJsonAsync("/api/v1/recommend", new { customerId = "c1", limit = 1 });

        Assert.Equal([best], OfferIds(first));
        Assert.Equal([next], OfferIds(second));
        Assert.Empty(OfferIds(third));
        Assert.Equal([best], OfferIds(otherCustomer));
        Assert.Equal([best], OfferIds(withoutPolicy));
    }

    [Fact]
    public async Task The_contact_policy_counts_offers_made_by_any_flow()
    {
        var client = (await app.NewTenantAsync()).Client();
        await SampleOffers.CreateAsync(client, "Best", new { priority = 90 });
        var next = await SampleOffers.CreateAsync(client, "Next", new { priority = 60 });
        await SampleOffers.CreateFlowAsync(client, "polite", new { contactPolicy = new { hours = 1 } });

        (await client.PostJsonAsync("/api/v1/recommend", new { customerId = "c1", limit = 1 })).AssertStatus(200);
        var polite = await client.PostJsonAsync("/api/v1/recommend", new { customerId = "c1", decisionFlowKey = "polite", limit = 1 });

        Assert.Equal([next], OfferIds(polite));
    }

    [Fact]
    public async Task Debug_says_how_many_offers_each_stage_removed_and_why()
    {
        var client = (await app.NewTenantAsync()).Client();
        await SampleOffers.CreateAsync(client, "Draft", new { status = "draft", category = "cards" });
        await SampleOffers.CreateAsync(client, "Loan", new { category = "loans" });
        await SampleOffers.CreateAsync(client, "Future", new { category = "cards", startAt = "2999-01-01T00:00:00.000Z" });
        await SampleOffers.CreateAsync(client, "Push only", new { category = "cards", channels = new[] { "push" } });
        await SampleOffers.CreateAsync(client, "Platinum", new { category = "cards", qualification = new { field = "tier", @operator = "eq", value = "platinum" } });
        await SampleOffers.CreateAsync(client, "Unloved", new { category = "cards", priority = 0 });
        var top = await SampleOffers.CreateAsync(client, "Top", new { category = "cards", priority = 90 });
        var runnerUp = await SampleOffers.CreateAsync(client, "Runner-up", new { category = "cards", priority = 80 });
        await SampleOffers.CreateAsync(client, "Third", new { category = "cards", priority = 70 });
        await SampleOffers.CreateFlowAsync(client, "cards", new { candidates = new { categories = new[] { "cards" } } });

        var answer = await client.PostJsonAsync("/api/v1/recommend",
            new { customerId = "c1", decisionFlowKey = "cards", channel = "email", limit = 2, attributes = new { tier = "gold" }, debug = true });

        answer.AssertStatus(200);
        Assert.Equal([top, runnerUp], OfferIds(answer));
        var debug = answer.Json.GetProperty("debug");
        Assert.Equal(8, debug.GetProperty("considered").GetInt32());
        var stages = debug.GetProperty("stages").EnumerateArray()
            .Select(s => (s.GetProperty("stage").GetString(), s.GetProperty("removed").GetInt32())).ToList();
        Assert.Equal(
            [("candidates", 1), ("status", 0), ("schedule", 1), ("channel", 1), ("qualification", 1), ("filters", 0), ("contactPolicy", 0), ("score", 1), ("limit", 1)],
            stages);
        Assert.All(debug.GetProperty("stages").EnumerateArray(), s => Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("reason").GetString())));
    }

    [Fact]
    public async Task A_flows_filters_gate_every_offer_at_once()
    {
        var client = (await app.NewTenantAsync()).Client();
        var offer = await SampleOffers.CreateAsync(client, "Win-back");
        await SampleOffers.CreateFlowAsync(client, "churners", new { filters = new[] { new { field = "churnRisk", @operator = "gte", value = 0.7 } } });

        var risky = await client.PostJsonAsync("/api/v1/recommend", new { customerId = "c1", decisionFlowKey = "churners", attributes = new { churnRisk = 0.9 } });
        var safe = await client.PostJsonAsync("/api/v1/recommend", new { customerId = "c1", decisionFlowKey = "churners", attributes = new { churnRisk = 0.1 }, debug = true });

        Assert.Equal([offer], OfferIds(risky));
        Assert.Empty(OfferIds(safe));
        Assert.Contains(safe.Json.GetProperty("debug").GetProperty("stages").EnumerateArray(),
            s => s.GetProperty("stage").GetString() == "filters" && s.GetProperty("removed").GetInt32() == 1);
    }

    [Fact]
    public async Task Each_returned_decision_is_recorded()
    {
        var tenant = await app.NewTenantAsync();
        var client = tenant.Client();
        await SampleOffers.CreateAsync(client, "A", new { priority = 90 });
        await SampleOffers.CreateAsync(client, "B", new { priority = 80 });
        await SampleOffers.CreateFlowAsync(client, "two", new { limit = 2 });

        var answer = await client.PostJsonAsync("/api/v1/recommend", new { customerId = "c1", decisionFlowKey = "two", channel = "sms", limit = 2 });

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        var rows = await db.Decisions.AsNoTracking().Where(d => d.TenantId == tenant.Id).OrderBy(d => d.Rank).ToListAsync();
        var decisions = answer.Json.GetProperty("decisions").EnumerateArray().ToList();
        Assert.Equal(decisions.Select(d => d.GetProperty("recommendationId").GetString()), rows.Select(r => r.Id));
        Assert.Equal(decisions.Select(d => d.GetProperty("offerId").GetString()), rows.Select(r => r.OfferId));
        Assert.Equal(decisions[0].GetProperty("score").GetDouble(), rows[0].Score, 12);
        Assert.All(rows, r =>
        {
            Assert.Equal("c1", r.CustomerId);
            Assert.Equal("two", r.DecisionFlowKey);
            Assert.Equal("sms", r.Channel);
            Assert.Null(r.JourneyId);
        });
        Assert.Equal([1, 2], rows.Select(r => r.Rank));
    }

    private static List<string> OfferIds(ApiResponse answer)
    {
        answer.AssertStatus(200);
        return [.. answer.Json.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("offerId").GetString()!)];
    }
}

public sealed class RecommendOnSqlite(SqliteApp app) : RecommendTests(app);

public sealed class RecommendOnPostgres(PostgresApp app) : RecommendTests(app);
