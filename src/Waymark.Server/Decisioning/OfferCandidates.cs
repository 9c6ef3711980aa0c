using Waymark.Domain.Conditions;
using Waymark.Domain.Decisioning;
using Waymark.Server.Journeys;
using Waymark.Server.Offers;
using Waymark.Server.Persistence;

namespace Waymark.Server.Decisioning;

public static class OfferCandidates
{
    // A stored qualification that no longer parses never qualifies anyone: an empty "any" is false.
    private static readonly Condition NobodyQualifies = new AnyCondition([]);

    /// <summary>A stored offer as the engine sees it (its JSON was validated when it was saved).</summary>
    public static OfferCandidate From(Offer offer) => new(
        offer.Id,
        offer.Name,
        offer.Status,
        offer.Category,
        OfferView.ChannelsOf(offer),
        offer.Qualification is null
            ? null
            : ConditionParser.Parse(JourneyStore.ParseJson(offer.Qualification), "qualification").Condition ?? NobodyQualifies,
        offer.Propensity,
        offer.BusinessValue,
        offer.Priority,
        offer.StartAt,
        offer.EndAt,
        JourneyStore.ParseJson(offer.Content));
}
