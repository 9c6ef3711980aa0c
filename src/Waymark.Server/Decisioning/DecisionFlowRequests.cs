using System.Text.Json;

namespace Waymark.Server.Decisioning;

// Request contracts as the OpenAPI document shows them; bodies are read by DecisionFlowInput.

/// <param name="Key">Unique in the tenant: 1–64 characters of A-Z a-z 0-9 . _ -. What recommend and nba_decision steps name.</param>
/// <param name="Name">1–255 characters; default the key.</param>
/// <param name="Settings">What the flow does; every part optional.</param>
public sealed record CreateDecisionFlowRequest(string Key, string? Name, FlowSettingsDocument? Settings);

/// <summary>Every field optional: absent keeps; settings, when given, replace the old ones whole.</summary>
public sealed record UpdateDecisionFlowRequest(string? Key, string? Name, FlowSettingsDocument? Settings);

/// <param name="Candidates">Which offers compete: offerIds and/or categories; both empty means every active offer.</param>
/// <param name="Filters">Conditions the customer must all meet, or no offer is made.</param>
/// <param name="ContactPolicy">{"hours": N}: an offer made to a customer is not made again within N hours (1–8760).</param>
/// <param name="Weights">Exponents of the four PRIE factors, each ≥ 0, summing to 1; default 0.25 each.</param>
/// <param name="Limit">How many offers the flow returns, 1–50; default 1.</param>
public sealed record FlowSettingsDocument(
    CandidatesDocument? Candidates,
    IReadOnlyList<JsonElement>? Filters,
    ContactPolicyDocument? ContactPolicy,
    WeightsDocument? Weights,
    int? Limit);

public sealed record CandidatesDocument(IReadOnlyList<string>? OfferIds, IReadOnlyList<string>? Categories);

public sealed record ContactPolicyDocument(int Hours);

public sealed record WeightsDocument(double? Propensity, double? Relevance, double? Impact, double? Emphasis);
