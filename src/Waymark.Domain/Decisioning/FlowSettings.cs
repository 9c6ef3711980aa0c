using Waymark.Domain.Conditions;

namespace Waymark.Domain.Decisioning;

// The exponents of score = propensity^p · relevance^r · impact^i · emphasis^e. They sum to 1 so
// the score stays in 0–1 and reads as a weighted geometric mean; a weight of 0 leaves its factor
// out entirely.
public sealed record PrieWeights(double Propensity, double Relevance, double Impact, double Emphasis)
{
    public static PrieWeights Equal { get; } = new(0.25, 0.25, 0.25, 0.25);
}

// What a decision flow does with the tenant's offers. Empty OfferIds and Categories select every
// offer; otherwise an offer is a candidate when either list names it. ContactPolicyHours null
// means an offer may be made again at once.
public sealed record FlowSettings(
    IReadOnlyList<string> OfferIds,
    IReadOnlyList<string> Categories,
    IReadOnlyList<Condition> Filters,
    int? ContactPolicyHours,
    PrieWeights Weights,
    int Limit)
{
    // The implicit default-flow every tenant has: all active qualifying offers, equal weights, one winner.
    public static FlowSettings Default { get; } = new([], [], [], null, PrieWeights.Equal, 1);
}
