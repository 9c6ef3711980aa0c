using System.Text.Json;
using Waymark.Domain.Conditions;

namespace Waymark.Domain.Decisioning;

// An offer as the engine sees it. Channels empty means every channel; a null Qualification means
// every customer qualifies. Propensity is 0–1, Priority 0–100, BusinessValue >= 0 in any unit
// the tenant likes, since the engine only ever compares it with other offers' values. StartAt is
// inclusive and EndAt exclusive, both UTC.
public sealed record OfferCandidate(
    string Id,
    string Name,
    string Status,
    string? Category,
    IReadOnlyList<string> Channels,
    Condition? Qualification,
    double Propensity,
    double BusinessValue,
    int Priority,
    DateTime? StartAt,
    DateTime? EndAt,
    JsonElement Content);
