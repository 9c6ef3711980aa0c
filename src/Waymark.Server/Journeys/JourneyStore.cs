using System.Text.Json;
using Waymark.Domain.Definitions;
using Waymark.Domain.EntryConditions;
using Waymark.Server.Persistence;

namespace Waymark.Server.Journeys;

public static class JourneyStore
{
    /// <summary>A stored JSON document (validated when it was saved).</summary>
    public static JsonElement ParseJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>A stored definition (its shape was validated when it was saved).</summary>
    public static JourneyDefinition ParseDefinition(string json) =>
        DefinitionParser.Parse(ParseJson(json)).Definition ?? JourneyDefinition.Empty;

    /// <summary>
    /// The event type that enters customers: the journey's entryCondition.event, else the entry
    /// node's eventType (a synonym). Kept in an indexed column so an event finds its journeys.
    /// </summary>
    public static string? EntryEventOf(Journey journey)
    {
        if (journey.EntryCondition is not null && EntryConditionParser.Read(ParseJson(journey.EntryCondition)).Event is { } fromCondition)
        {
            return fromCondition;
        }
        return ParseDefinition(journey.Definition).EntryNode is { } entry ? NodeConfig.EntryEventType(entry) : null;
    }
}
