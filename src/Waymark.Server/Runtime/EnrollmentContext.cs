using System.Text.Json;
using System.Text.Json.Nodes;

namespace Waymark.Server.Runtime;

/// <summary>
/// What an enrollment's conditions can read besides the customer (SPEC §5): the event that
/// started it or last resumed it (<c>event.*</c>) and the last decision (<c>decision.*</c>).
/// Stored as <c>{"event": {"type", "id", "properties", "at"}, "decision": {...}}</c>.
/// </summary>
public sealed record EnrollmentContext(JsonElement? Event, JsonElement? Decision)
{
    public static EnrollmentContext Empty { get; } = new(null, null);

    public JsonElement? EventProperties =>
        Event is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty("properties", out var p) ? p : null;

    public static EnrollmentContext Parse(string? json)
    {
        if (string.IsNullOrEmpty(json)) return Empty;
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new EnrollmentContext(
            root.TryGetProperty("event", out var e) ? e.Clone() : null,
            root.TryGetProperty("decision", out var d) ? d.Clone() : null);
    }

    /// <summary>The context entering or resuming with an event.</summary>
    public EnrollmentContext WithEvent(string type, string id, JsonElement? properties, DateTime at) =>
        this with
        {
            Event = JsonSerializer.SerializeToElement(new JsonObject
            {
                ["type"] = type,
                ["id"] = id,
                ["properties"] = properties is { } p ? JsonNode.Parse(p.GetRawText()) : new JsonObject(),
                ["at"] = Api.JsonDefaults.Format(at),
            }),
        };

    public string? ToJson()
    {
        if (Event is null && Decision is null) return null;
        var root = new JsonObject();
        if (Event is { } e) root["event"] = JsonNode.Parse(e.GetRawText());
        if (Decision is { } d) root["decision"] = JsonNode.Parse(d.GetRawText());
        return root.ToJsonString();
    }
}
