using System.Text.Json;
using Waymark.Domain.Conditions;

namespace Waymark.Domain.Decisioning;

// Fields is what qualifications and flow filters read (in a journey: the customer, event.* and
// decision.*). Customer is the customer's attributes, read for the propensityScores,
// relevanceScores and interests overrides. RecentlyOffered holds the ids of offers made to this
// customer within the flow's contact policy window; the host computes it because only it knows
// the decision history. Limit, when given, replaces the flow's limit.
public sealed record DecisionRequest(
    IFieldSource Fields,
    JsonElement? Customer,
    string? Channel,
    DateTime Now,
    IReadOnlySet<string> RecentlyOffered,
    int? Limit = null);
