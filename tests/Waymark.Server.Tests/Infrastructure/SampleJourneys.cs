using System.Text.Json;

namespace Waymark.Server.Tests.Infrastructure;

/// <summary>Journey bodies and helpers shared by the HTTP tests.</summary>
public static class SampleJourneys
{
    /// <summary>The reference's five-step shape: entry → split(tier = gold) → nba → email → exit, false branch → wait 48h → exit.</summary>
    public const string ValidDefinition = """
        {"nodes": [
            {"id": "n1", "type": "entry_trigger", "config": {}, "position": {"x": 0, "y": 0}},
            {"id": "n2", "type": "condition_split", "config": {"field": "tier", "operator": "eq", "value": "gold"}},
            {"id": "n3", "type": "nba_decision", "config": {}},
            {"id": "n4", "type": "channel_action", "config": {"channel": "email"}},
            {"id": "n5", "type": "exit", "config": {}},
            {"id": "n6", "type": "wait", "config": {"delayHours": 48}}
         ],
         "edges": [
            {"id": "e1", "source": "n1", "target": "n2"},
            {"id": "e2", "source": "n2", "target": "n3", "sourceHandle": "true"},
            {"id": "e3", "source": "n3", "target": "n4"},
            {"id": "e4", "source": "n4", "target": "n5"},
            {"id": "e5", "source": "n2", "target": "n6", "sourceHandle": "false"},
            {"id": "e6", "source": "n6", "target": "n5"}
         ]}
        """;

    public static string Body(string name = "Onboarding", string definition = ValidDefinition) =>
        $$"""{"name": {{JsonSerializer.Serialize(name)}}, "definition": {{definition}}}""";

    /// <summary>Creates a journey with the valid definition and returns its id.</summary>
    public static async Task<string> CreateAsync(HttpClient client, string name = "Onboarding", string definition = ValidDefinition)
    {
        var created = await client.PostJsonAsync("/api/v1/journeys", Body(name, definition));
        created.AssertStatus(201);
        return created.Json.GetProperty("id").GetString()!;
    }

    /// <summary>Creates and activates a journey and returns its id.</summary>
    public static async Task<string> CreateActiveAsync(HttpClient client, string name = "Onboarding")
    {
        var id = await CreateAsync(client, name);
        (await client.PutJsonAsync($"/api/v1/journeys/{id}", new { status = "active" })).AssertStatus(200);
        return id;
    }
}
