using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Waymark.Bench;

/// <summary>
/// The decisioning data of the outreach suites, created through the API and never measured.
/// Twenty distinct conditions on customer attributes make up the offers' qualifications: offer i
/// qualifies customers meeting all of two to four of them, picked from <see cref="Pool"/> by a
/// stride that varies with i, so a thousand offers use some five hundred different sets of them.
/// The flow has no filters: every condition is an offer's.
/// </summary>
public static class OfferCatalog
{
    public const string FlowKey = "bench-flow";

    public const int ConditionCount = 20;

    private static readonly string[] Categories = ["travel", "finance", "sports", "home", "fashion"];

    private static readonly string[] Pool =
    [
        """{"field": "tier", "operator": "eq", "value": "gold"}""",
        """{"field": "tier", "operator": "in", "value": ["gold", "platinum"]}""",
        """{"field": "tier", "operator": "neq", "value": "bronze"}""",
        """{"field": "age", "operator": "gte", "value": 25}""",
        """{"field": "age", "operator": "lt", "value": 65}""",
        """{"field": "country", "operator": "in", "value": ["DE", "AT", "NL"]}""",
        """{"field": "country", "operator": "not_in", "value": ["US"]}""",
        """{"field": "plan", "operator": "eq", "value": "pro"}""",
        """{"field": "plan", "operator": "neq", "value": "free"}""",
        """{"field": "ordersCount", "operator": "gte", "value": 3}""",
        """{"field": "ordersCount", "operator": "lt", "value": 25}""",
        """{"field": "lifetimeValue", "operator": "gt", "value": 500}""",
        """{"field": "lifetimeValue", "operator": "lte", "value": 4500}""",
        """{"field": "emailOptIn", "operator": "eq", "value": true}""",
        """{"field": "churnRisk", "operator": "lt", "value": 0.8}""",
        """{"field": "churnRisk", "operator": "gte", "value": 0.1}""",
        """{"field": "interests", "operator": "contains", "value": "travel"}""",
        """{"field": "email", "operator": "ends_with", "value": "@example.com"}""",
        """{"field": "signupChannel", "operator": "in", "value": ["web", "app"]}""",
        """{"field": "lastSeenDays", "operator": "lte", "value": 90}""",
    ];

    /// <summary>An "all" of 2–4 distinct pool conditions: a stride other than 10 keeps four steps apart on a ring of 20.</summary>
    public static string Qualification(int offer)
    {
        var stride = 1 + (offer / ConditionCount % 19);
        if (stride == 10) stride = 11;
        var leaves = Enumerable.Range(0, 2 + (offer % 3)).Select(k => Pool[(offer + (k * stride)) % ConditionCount]);
        return $$"""{"all": [{{string.Join(", ", leaves)}}]}""";
    }

    public static object Attributes(int customer) => new
    {
        firstName = $"Customer {customer}",
        email = $"customer{customer}@example.com",
        tier = new[] { "bronze", "silver", "gold", "platinum" }[customer % 4],
        age = 18 + (customer * 7 % 60),
        country = new[] { "DE", "AT", "FR", "US", "GB", "NL" }[customer % 6],
        plan = new[] { "free", "pro", "team" }[customer / 3 % 3],
        ordersCount = customer * 13 % 30,
        lifetimeValue = customer * 37 % 5000,
        emailOptIn = customer % 3 != 0,
        churnRisk = customer * 3 % 10 / 10.0,
        interests = new[] { Categories[customer % 5], Categories[(customer + 2) % 5] },
        signupChannel = new[] { "web", "app", "store" }[customer % 3],
        lastSeenDays = customer * 11 % 120,
    };

    /// <summary>Creates <paramref name="count"/> active offers, four requests at a time.</summary>
    public static async Task CreateOffersAsync(HttpClient client, int count)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var body = string.Create(CultureInfo.InvariantCulture, $$"""
                {"name": "Offer {{i}}", "status": "active", "category": "{{Categories[i % 5]}}",
                 "qualification": {{Qualification(i)}},
                 "propensity": {{0.05 + (i * 17 % 90 / 100.0)}}, "businessValue": {{i * 53 % 1000}}, "priority": {{1 + (i * 29 % 100)}},
                 "content": {"title": "Offer {{i}}", "url": "https://example.com/offers/{{i}}"} }
                """);
            await PostAsync(client, "/api/v1/offers", body, ct);
        });
    }

    /// <summary>Stores <c>{prefix}{i}</c> with <see cref="Attributes"/>(i), a thousand per request.</summary>
    public static async Task UpsertCustomersAsync(HttpClient client, string prefix, int count)
    {
        for (var start = 0; start < count; start += 1000)
        {
            var customers = Enumerable.Range(start, Math.Min(1000, count - start))
                .Select(i => new { customerId = $"{prefix}{i}", attributes = Attributes(i) });
            await PostAsync(client, "/api/v1/customers/batch", JsonSerializer.Serialize(new { customers }), CancellationToken.None);
        }
    }

    /// <summary>Every active offer competes; an offer is not made to a customer again within 24 hours; at most five.</summary>
    public static Task CreateFlowAsync(HttpClient client) => PostAsync(client, "/api/v1/decision-flows", $$"""
        {"key": "{{FlowKey}}", "settings": {"contactPolicy": {"hours": 24}, "limit": 5} }
        """, CancellationToken.None);

    /// <returns>The channel's id.</returns>
    public static async Task<string> CreateWebhookChannelAsync(HttpClient client, string url, string secret)
    {
        var body = JsonSerializer.Serialize(new
        {
            name = "hooks",
            channelType = "webhook",
            providerConfig = new { url, secret },
            template = new { subject = "Hi {{ customer.firstName }}", body = "{{ offer.name }} for {{ customer.firstName }} ({{ journey.name }})" },
        });
        using var answer = JsonDocument.Parse(await PostAsync(client, "/api/v1/channels", body, CancellationToken.None));
        return answer.RootElement.GetProperty("id").GetString()!;
    }

    /// <returns>The answer's body.</returns>
    private static async Task<string> PostAsync(HttpClient client, string path, string body, CancellationToken ct)
    {
        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path} answered {response.StatusCode}: {text}");
        return text;
    }
}
