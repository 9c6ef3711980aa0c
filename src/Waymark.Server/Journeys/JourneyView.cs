using System.Text.Json;
using Waymark.Server.Persistence;

namespace Waymark.Server.Journeys;

/// <summary>A journey as the API shows it (the reference's fields, then updatedAt and version).</summary>
public sealed record JourneyView(
    string Id,
    string Name,
    string? Description,
    string Status,
    int MaxDurationDays,
    JsonElement? EntryCondition,
    JsonElement Definition,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version)
{
    public static JourneyView From(Journey journey) => new(
        journey.Id,
        journey.Name,
        journey.Description,
        journey.Status,
        journey.MaxDurationDays,
        journey.EntryCondition is null ? null : Parse(journey.EntryCondition),
        Parse(journey.Definition),
        journey.CreatedAt,
        journey.UpdatedAt,
        journey.Version);

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
