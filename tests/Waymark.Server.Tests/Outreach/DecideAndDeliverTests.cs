using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Server.Runtime;
using Waymark.Server.Tests.Runtime;
using Waymark.Server.Tests.Deliveries;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Outreach;

/// <summary>
/// entry → nba_decision → split on decision.offerId → channel_action (webhook) → exit, for 1,000
/// customers of three tiers: each gets the offer the scoring dictates, and exactly one delivery.
/// </summary>
public abstract class DecideAndDeliverTests(DeliveryAppFixture fixture)
{
    private const string Secret = "whsec_test_secret";

    [Fact]
    public async Task A_thousand_customers_get_the_offer_their_scores_dictate_and_one_delivery_each()
    {
        var app = fixture.App;
        var client = app.NewTenant();
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await DeliveryApp.CreateChannelAsync(client, new
        {
            name = "hooks",
            channelType = "webhook",
            status = "active",
            providerConfig = new { url = receiver.Url, secret = Secret },
            template = new { subject = "{{ offer.name }}", body = "Hi {{ customer.name }}: {{ offer.content.title }}" },
        });
        // Equal weights, no categories (relevance 1), emphasis 0.5 for all, impact = value / max value of the candidates:
        //   gold   → gold card 0.9^¼·1^¼·0.5^¼ ≈ 0.822 beats silver card 0.5^¼·0.5^¼·0.5^¼ ≈ 0.595 and welcome ≈ 0.371
        //   silver → silver card 0.5^¼·1·1^¼·0.5^¼ ≈ 0.707 beats welcome 0.3^¼·(10/50)^¼·0.5^¼ ≈ 0.468 (the gold card does not qualify)
        //   bronze → only the welcome pack qualifies
        var gold = await OfferAsync(client, "Gold card", 0.9, 100, new { field = "tier", @operator = "eq", value = "gold" });
        var silver = await OfferAsync(client, "Silver card", 0.5, 50, new { field = "tier", @operator = "in", value = new[] { "gold", "silver" } });
        var welcome = await OfferAsync(client, "Welcome pack", 0.3, 10, null);
        var journey = await RuntimeJourneys.CreateActiveAsync(client, Definition(gold, silver), "cards");
        string[] tiers = ["gold", "silver", "bronze"];
        var customers = Enumerable.Range(0, 1000).Select(i => new { customerId = $"c{i:D4}", attributes = new { tier = tiers[i % 3], name = $"Customer {i}" } }).ToArray();
        (await client.PostJsonAsync("/api/v1/customers/batch", new { customers })).AssertStatus(200);

        (await client.PostJsonAsync($"/api/v1/journeys/{journey}/enroll", new { customerIds = customers.Select(c => c.customerId) })).AssertStatus(201);
        await app.Factory.Services.GetRequiredService<JourneyRunner>().RunDueAsync(CancellationToken.None);
        while (await app.DispatchAsync() > 0)
        {
        }

        var expectedOffer = new Dictionary<string, string> { ["gold"] = gold, ["silver"] = silver, ["bronze"] = welcome };
        var sample = await RuntimeJourneys.EnrollmentOfAsync(client, journey, "c0001");
        Assert.Equal(silver, sample.GetProperty("context").GetProperty("decision").GetProperty("offerId").GetString());
        Assert.StartsWith("NBA decision requested (decision flow: default-flow): offer " + silver, sample.GetProperty("history")[1].GetProperty("decision").GetString(), StringComparison.Ordinal);

        // Gold and silver customers took the true branch and were sent their card once; bronze ones exited without a message.
        var cardHolders = customers.Where(c => c.attributes.tier != "bronze").ToList();
        Assert.Equal(cardHolders.Count, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid));
        Assert.Equal(receiver.Requests.Count, receiver.Requests.Select(r => r.IdempotencyKey).Distinct().Count());
        var sent = receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToDictionary(b => b.GetProperty("customerId").GetString()!);
        foreach (var c in cardHolders)
        {
            Assert.Equal(expectedOffer[c.attributes.tier], sent[c.customerId].GetProperty("offer").GetProperty("id").GetString());
            Assert.Equal($"Hi {c.attributes.name}: {(c.attributes.tier == "gold" ? "Gold card" : "Silver card")} inside", sent[c.customerId].GetProperty("body").GetString());
        }

        var analytics = (await client.GetJsonAsync($"/api/v1/journeys/{journey}/analytics")).Json;
        Assert.Equal("""{"totalEntries":1000,"activeCount":0,"completedCount":1000,"exitedCount":0,"completionRate":1}""", analytics.GetProperty("funnel").GetRawText());
        var reached = analytics.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("nodeId").GetString()!, s => s.GetProperty("reached").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["in"] = 1000, ["nba"] = 1000, ["card?"] = 1000, ["send"] = 667, ["done"] = 667, ["no card"] = 333 }, reached);
        var deliveries = await client.GetJsonAsync($"/api/v1/deliveries?journeyId={journey}&status=sent&limit=1");
        Assert.Equal(667, deliveries.Json.GetProperty("pagination").GetProperty("total").GetInt32());
    }

    private static async Task<string> OfferAsync(HttpClient client, string name, double propensity, double value, object? qualification)
    {
        var created = await client.PostJsonAsync("/api/v1/offers", new
        {
            name,
            status = "active",
            propensity,
            businessValue = value,
            priority = 50,
            qualification,
            content = new { title = $"{name} inside" },
        });
        created.AssertStatus(201);
        return created.Json.GetProperty("id").GetString()!;
    }

    private static string Definition(string gold, string silver) => $$$"""
        {"nodes": [
            {"id": "in", "type": "entry_trigger"},
            {"id": "nba", "type": "nba_decision"},
            {"id": "card?", "type": "condition_split", "config": {"field": "decision.offerId", "operator": "in", "value": ["{{{gold}}}", "{{{silver}}}"]}},
            {"id": "send", "type": "channel_action", "config": {"channel": "webhook"}},
            {"id": "done", "type": "exit"},
            {"id": "no card", "type": "exit", "config": {"reason": "no card offer"}}],
         "edges": [
            {"source": "in", "target": "nba"},
            {"source": "nba", "target": "card?"},
            {"source": "card?", "target": "send", "sourceHandle": "true"},
            {"source": "card?", "target": "no card", "sourceHandle": "false"},
            {"source": "send", "target": "done"}]}
        """;
}

public sealed class DecideAndDeliverOnSqlite(SqliteDeliveryFixture fixture) : DecideAndDeliverTests(fixture), IClassFixture<SqliteDeliveryFixture>;

public sealed class DecideAndDeliverOnPostgres(PostgresDeliveryFixture fixture) : DecideAndDeliverTests(fixture), IClassFixture<PostgresDeliveryFixture>;
