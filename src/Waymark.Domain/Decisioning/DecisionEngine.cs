using System.Text.Json;
using Waymark.Domain.Conditions;

namespace Waymark.Domain.Decisioning;

// Runs a decision flow over a tenant's offers: a fixed series of stages each removes offers,
// the survivors are scored by PRIE and the best ones kept. Pure: the host loads the offers,
// the customer and the recent decisions and records what was decided.
//
// The PRIE factors, each in 0–1:
// - propensity: the customer's propensityScores.<offerId> when it is a number, else the offer's;
// - relevance: the customer's relevanceScores.<offerId>, else relevanceScores.<category>, when a
//   number; else 1 when the offer has no category or the customer's interests array holds the
//   category (ordinal), else 0.5. The issue leaves relevance open; this is Waymark's rule: an
//   explicit score wins, a declared interest is full relevance, and an offer outside the
//   customer's interests is halved rather than eliminated, so a strong offer can still win;
// - impact: the offer's business value over the largest among the offers that reached scoring,
//   1 for all of them when that largest is 0;
// - emphasis: priority / 100.
// Customer scores are clamped to 0–1. score = Π factor^weight over the factors with weight > 0,
// so any such factor at 0 makes the score 0, which removes the offer.
public static class DecisionEngine
{
    private const string PropensityScoresKey = "propensityScores";
    private const string RelevanceScoresKey = "relevanceScores";
    private const string InterestsKey = "interests";
    private const double OutsideInterestsRelevance = 0.5;

    public static DecisionResult Decide(FlowSettings flow, IReadOnlyList<OfferCandidate> offers, DecisionRequest request)
    {
        var stages = new List<StageCount>();
        IReadOnlyList<OfferCandidate> running = offers;

        running = Keep(running, stages, DecisionStages.Candidates, "not among the flow's offers or categories",
            offer => IsCandidate(flow, offer));
        running = Keep(running, stages, DecisionStages.Status, "not active",
            offer => string.Equals(offer.Status, OfferStatus.Active, StringComparison.Ordinal));
        running = Keep(running, stages, DecisionStages.Schedule, "outside the offer's start and end dates",
            offer => IsScheduled(offer, request.Now));
        running = Keep(running, stages, DecisionStages.Channel, "not allowed on the requested channel",
            offer => AllowsChannel(offer, request.Channel));
        running = Keep(running, stages, DecisionStages.Qualification, "the customer does not meet the offer's qualification",
            offer => offer.Qualification is null || offer.Qualification.Evaluate(request.Fields));
        // Filters read the request, not the offer, so they pass or remove every offer at once.
        var passesFilters = flow.Filters.All(filter => filter.Evaluate(request.Fields));
        running = Keep(running, stages, DecisionStages.Filters, "the customer does not pass the flow's filters",
            _ => passesFilters);
        running = Keep(running, stages, DecisionStages.ContactPolicy, "already offered to the customer within the contact policy window",
            offer => !request.RecentlyOffered.Contains(offer.Id));

        var customer = new JsonFieldSource(request.Customer ?? default);
        var maxValue = running.Count == 0 ? 0 : running.Max(offer => Math.Max(0, offer.BusinessValue));
        var scored = running
            .Select(offer =>
            {
                var factors = Factors(offer, customer, maxValue);
                return (Offer: offer, Factors: factors, Score: Score(factors, flow.Weights));
            })
            .ToList();
        var positive = scored.Where(s => s.Score > 0).ToList();
        stages.Add(new StageCount(DecisionStages.Score, scored.Count - positive.Count, "scored 0 because a weighted factor is 0"));

        var ordered = positive
            .OrderByDescending(s => s.Score)
            .ThenByDescending(s => s.Offer.Priority)
            .ThenByDescending(s => s.Offer.BusinessValue)
            .ThenBy(s => s.Offer.Id, StringComparer.Ordinal)
            .ToList();
        var limit = Math.Max(0, request.Limit ?? flow.Limit);
        var kept = ordered.Take(limit).ToList();
        stages.Add(new StageCount(DecisionStages.Limit, ordered.Count - kept.Count, "ranked beyond the limit"));

        var ranked = kept.Select((s, index) => new RankedOffer(index + 1, s.Offer, s.Score, s.Factors)).ToList();
        return new DecisionResult(ranked, stages, offers.Count);
    }

    private static List<OfferCandidate> Keep(
        IReadOnlyList<OfferCandidate> running, List<StageCount> stages, string stage, string reason, Func<OfferCandidate, bool> keep)
    {
        var kept = running.Where(keep).ToList();
        stages.Add(new StageCount(stage, running.Count - kept.Count, reason));
        return kept;
    }

    private static bool IsCandidate(FlowSettings flow, OfferCandidate offer) =>
        (flow.OfferIds.Count == 0 && flow.Categories.Count == 0)
        || flow.OfferIds.Contains(offer.Id, StringComparer.Ordinal)
        || (offer.Category is { } category && flow.Categories.Contains(category, StringComparer.Ordinal));

    // StartAt inclusive, EndAt exclusive: an offer ending at midnight is gone at midnight.
    private static bool IsScheduled(OfferCandidate offer, DateTime now) =>
        (offer.StartAt is not { } start || start <= now) && (offer.EndAt is not { } end || now < end);

    private static bool AllowsChannel(OfferCandidate offer, string? channel) =>
        string.IsNullOrEmpty(channel) || offer.Channels.Count == 0 || offer.Channels.Contains(channel, StringComparer.Ordinal);

    private static PrieFactors Factors(OfferCandidate offer, JsonFieldSource customer, double maxValue) => new(
        Propensity: CustomerScore(customer, PropensityScoresKey, offer.Id) ?? Clamp(offer.Propensity),
        Relevance: Relevance(offer, customer),
        Impact: maxValue > 0 ? Clamp(offer.BusinessValue / maxValue) : 1,
        Emphasis: Clamp(offer.Priority / 100.0));

    private static double Relevance(OfferCandidate offer, JsonFieldSource customer)
    {
        if (CustomerScore(customer, RelevanceScoresKey, offer.Id) is { } byOffer)
        {
            return byOffer;
        }

        if (offer.Category is not { } category)
        {
            return 1;
        }

        if (CustomerScore(customer, RelevanceScoresKey, category) is { } byCategory)
        {
            return byCategory;
        }

        var interested = customer.TryGet(InterestsKey, out var interests)
            && interests.ValueKind == JsonValueKind.Array
            && interests.EnumerateArray().Any(interest =>
                interest.ValueKind == JsonValueKind.String && string.Equals(interest.GetString(), category, StringComparison.Ordinal));
        return interested ? 1 : OutsideInterestsRelevance;
    }

    // Looks the key up as one property rather than as part of a dotted path, so offer ids and
    // categories containing dots still resolve.
    private static double? CustomerScore(JsonFieldSource customer, string mapKey, string key) =>
        customer.TryGet(mapKey, out var map)
        && map.ValueKind == JsonValueKind.Object
        && map.TryGetProperty(key, out var score)
        && score.ValueKind == JsonValueKind.Number
        && score.TryGetDouble(out var value)
            ? Clamp(value)
            : null;

    private static double Score(PrieFactors factors, PrieWeights weights) =>
        Weighted(factors.Propensity, weights.Propensity)
        * Weighted(factors.Relevance, weights.Relevance)
        * Weighted(factors.Impact, weights.Impact)
        * Weighted(factors.Emphasis, weights.Emphasis);

    // A factor with weight 0 (or less) is left out, even when it is 0 itself.
    private static double Weighted(double factor, double weight) => weight > 0 ? Math.Pow(factor, weight) : 1;

    // NaN counts as 0 so a broken value eliminates an offer instead of poisoning the ordering.
    private static double Clamp(double value) => double.IsNaN(value) ? 0 : Math.Clamp(value, 0, 1);
}
