using System.Text;
using System.Text.Json;

namespace Waymark.Bench;

public static class Journeys
{
    public const string FiveNodes = """
        {"nodes": [
            {"id": "n1", "type": "entry_trigger"},
            {"id": "n2", "type": "condition_split", "config": {"field": "tier", "operator": "eq", "value": "gold"}},
            {"id": "n3", "type": "nba_decision"},
            {"id": "n4", "type": "channel_action", "config": {"channel": "email"}},
            {"id": "n5", "type": "exit"}],
         "edges": [
            {"source": "n1", "target": "n2"},
            {"source": "n2", "target": "n3", "sourceHandle": "true"},
            {"source": "n2", "target": "n5", "sourceHandle": "false"},
            {"source": "n3", "target": "n4"},
            {"source": "n4", "target": "n5"}]}
        """;

    /// <summary>A 50-node chain: entry, 47 steps cycling split / wait / decision / action, and two exits.</summary>
    public static string FiftyNodes()
    {
        var nodes = new List<string> { """{"id":"n0","type":"entry_trigger"}""" };
        var edges = new List<string>();
        string[] kinds = ["condition_split", "wait", "nba_decision", "channel_action"];
        for (var i = 1; i <= 47; i++)
        {
            var kind = kinds[(i - 1) % kinds.Length];
            var config = kind switch
            {
                "condition_split" => """{"all":[{"field":"tier","operator":"eq","value":"gold"},{"field":"age","operator":"gte","value":18},{"not":{"field":"country","operator":"in","value":["XX","YY"]}}]}""",
                "wait" => """{"delayHours":1.5}""",
                "nba_decision" => "{}",
                _ => """{"channel":"email"}""",
            };
            nodes.Add($$"""{"id":"n{{i}}","type":"{{kind}}","config":{{config}}}""");
            var handle = PreviousIsSplit(i, kinds) ? TrueHandle : "";
            edges.Add($$"""{"source":"n{{i - 1}}","target":"n{{i}}"{{handle}}}""");
            if (kind == "condition_split") edges.Add($$"""{"source":"n{{i}}","target":"out","sourceHandle":"false"}""");
        }
        nodes.Add("""{"id":"done","type":"exit"}""");
        nodes.Add("""{"id":"out","type":"exit","config":{"reason":"not eligible"}}""");
        edges.Add($$"""{"source":"n47","target":"done"{{(PreviousIsSplit(48, kinds) ? TrueHandle : "")}}}""");
        return $$"""{"nodes":[{{string.Join(",", nodes)}}],"edges":[{{string.Join(",", edges)}}]}""";
    }

    private const string TrueHandle = ",\"sourceHandle\":\"true\"";

    private static bool PreviousIsSplit(int i, string[] kinds) => i > 1 && kinds[(i - 2) % kinds.Length] == "condition_split";

    public static async Task<string> CreateAsync(HttpClient client, string definition, string name)
    {
        var body = $$"""{"name": {{JsonSerializer.Serialize(name)}}, "definition": {{definition}}}""";
        using var response = await client.PostAsync("/api/v1/journeys", new StringContent(body, Encoding.UTF8, "application/json"));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"create failed: {json}");
        return json.GetProperty("id").GetString()!;
    }

    public static async Task<string> CreateActiveAsync(HttpClient client, string definition, string name)
    {
        var id = await CreateAsync(client, definition, name);
        using var response = await client.PutAsJsonAsync($"/api/v1/journeys/{id}", new { status = "active" });
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"activate failed: {await response.Content.ReadAsStringAsync()}");
        return id;
    }
}
