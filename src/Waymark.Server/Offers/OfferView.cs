using System.Text.Json;
using Waymark.Server.Journeys;
using Waymark.Server.Persistence;

namespace Waymark.Server.Offers;

/// <summary>An offer as the API shows it.</summary>
public sealed record OfferView(
    string Id,
    string Name,
    string Status,
    string? Category,
    IReadOnlyList<string> Channels,
    JsonElement? Qualification,
    double Propensity,
    double BusinessValue,
    int Priority,
    DateTime? StartAt,
    DateTime? EndAt,
    JsonElement Content,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static OfferView From(Offer offer) => new(
        offer.Id,
        offer.Name,
        offer.Status,
        offer.Category,
        ChannelsOf(offer),
        offer.Qualification is null ? null : JourneyStore.ParseJson(offer.Qualification),
        offer.Propensity,
        offer.BusinessValue,
        offer.Priority,
        offer.StartAt,
        offer.EndAt,
        JourneyStore.ParseJson(offer.Content),
        offer.CreatedAt,
        offer.UpdatedAt);

    /// <summary>The stored channel list (a JSON array of channel types).</summary>
    public static IReadOnlyList<string> ChannelsOf(Offer offer) =>
        JsonSerializer.Deserialize<List<string>>(offer.Channels) ?? [];
}
