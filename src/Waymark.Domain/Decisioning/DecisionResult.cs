namespace Waymark.Domain.Decisioning;

// Each factor in 0–1; see DecisionEngine for where each comes from.
public sealed record PrieFactors(double Propensity, double Relevance, double Impact, double Emphasis);

// Rank counts from 1.
public sealed record RankedOffer(int Rank, OfferCandidate Offer, double Score, PrieFactors Factors);

// How many of the offers still in the running a stage removed, and why; one per stage in the
// order they ran, with Removed 0 when the stage removed nothing.
public sealed record StageCount(string Stage, int Removed, string Reason);

// Considered is every offer the engine was given, before the first stage.
public sealed record DecisionResult(IReadOnlyList<RankedOffer> Ranked, IReadOnlyList<StageCount> Stages, int Considered);
