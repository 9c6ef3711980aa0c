using System.Text.Json;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Runtime;

/// <summary>Journeys and reads shared by the runtime tests.</summary>
public static class RuntimeJourneys
{
    /// <summary>entry → wait (up to 72 h for "purchase") → split on event.amount ≥ 100 → exit "big" / exit "small".</summary>
    public const string WaitForPurchase = """
        {"nodes": [
            {"id": "in", "type": "entry_trigger"},
            {"id": "wait", "type": "wait", "config": {"waitForEvent": "purchase", "delayHours": 72}},
            {"id": "big?", "type": "condition_split", "config": {"field": "event.amount", "operator": "gte", "value": 100}},
            {"id": "big", "type": "exit", "config": {"reason": "big spender"}},
            {"id": "small", "type": "exit"}],
         "edges": [
            {"source": "in", "target": "wait"},
            {"source": "wait", "target": "big?"},
            {"source": "big?", "target": "big", "sourceHandle": "true"},
            {"source": "big?", "target": "small", "sourceHandle": "false"}]}
        """;

    public static async Task<string> CreateActiveAsync(HttpClient client, string definition, string name = "runtime", object? entryCondition = null, int? maxDurationDays = null)
    {
        var body = $$"""
            {"name": {{JsonSerializer.Serialize(name)}}, "definition": {{definition}},
             "entryCondition": {{JsonSerializer.Serialize(entryCondition)}}, "maxDurationDays": {{maxDurationDays ?? 30}}}
            """;
        var created = await client.PostJsonAsync("/api/v1/journeys", body);
        created.AssertStatus(201);
        var id = created.Json.GetProperty("id").GetString()!;
        (await client.PutJsonAsync($"/api/v1/journeys/{id}", new { status = "active" })).AssertStatus(200);
        return id;
    }

    /// <summary>The customer's only enrollment in the journey, with its history.</summary>
    public static async Task<JsonElement> EnrollmentOfAsync(HttpClient client, string journeyId, string customerId)
    {
        var list = await client.GetJsonAsync($"/api/v1/journeys/{journeyId}/enrollments?customerId={customerId}");
        list.AssertStatus(200);
        var id = list.Json.GetProperty("data")[0].GetProperty("id").GetString();
        var detail = await client.GetJsonAsync($"/api/v1/journeys/{journeyId}/enrollments/{id}");
        detail.AssertStatus(200);
        return detail.Json;
    }

    public static IReadOnlyList<string> Decisions(JsonElement enrollment) =>
        [.. enrollment.GetProperty("history").EnumerateArray().Select(s => $"{s.GetProperty("nodeId").GetString()}: {s.GetProperty("decision").GetString()}")];

    public static async Task<JsonElement> FunnelAsync(HttpClient client, string journeyId) =>
        (await client.GetJsonAsync($"/api/v1/journeys/{journeyId}/analytics")).Json.GetProperty("funnel");

    public static async Task<long> ReachedAsync(HttpClient client, string journeyId, string nodeId) =>
        (await client.GetJsonAsync($"/api/v1/journeys/{journeyId}/analytics")).Json.GetProperty("steps").EnumerateArray()
            .Single(s => s.GetProperty("nodeId").GetString() == nodeId).GetProperty("reached").GetInt64();
}
