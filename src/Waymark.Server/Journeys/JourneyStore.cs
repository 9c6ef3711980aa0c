using System.Text.Json;

namespace Waymark.Server.Journeys;

public static class JourneyStore
{
    /// <summary>A stored JSON document (validated when it was saved).</summary>
    public static JsonElement ParseJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
