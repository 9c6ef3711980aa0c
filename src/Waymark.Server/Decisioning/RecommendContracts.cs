using System.Text.Json;
using System.Text.Json.Serialization;
using Waymark.Domain.Decisioning;

namespace Waymark.Server.Decisioning;

/// <param name="CustomerId">Required, 1–255 characters; the customer need not have a profile.</param>
/// <param name="DecisionFlowKey">The flow's key (or id); default "default-flow".</param>
/// <param name="Channel">email, sms, push, webhook or in_app: only offers allowed there compete.</param>
/// <param name="Limit">1–50, default 5: replaces the flow's own limit.</param>
/// <param name="Attributes">Merged over the stored attributes (JSON merge patch) for this decision only.</param>
/// <param name="Debug">When true, the answer says how many offers each stage removed and why.</param>
public sealed record RecommendRequest(
    string CustomerId,
    string? DecisionFlowKey,
    string? Channel,
    int? Limit,
    JsonElement? Attributes,
    bool? Debug);

/// <param name="Debug">Only present when the request asked for it.</param>
public sealed record RecommendResult(
    string CustomerId,
    string DecisionFlowKey,
    IReadOnlyList<RecommendedOffer> Decisions,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RecommendDebug? Debug);

/// <param name="Rank">From 1, best first.</param>
/// <param name="Score">The PRIE score, 0–1.</param>
/// <param name="RecommendationId">The id of the recorded decision (rec_…).</param>
/// <param name="Content">The offer's content, for templates.</param>
public sealed record RecommendedOffer(int Rank, string OfferId, string Name, double Score, string RecommendationId, JsonElement Content);

/// <param name="Considered">The tenant's active offers, before any stage ran.</param>
/// <param name="Stages">Every stage in the order it ran, with how many offers it removed and why.</param>
public sealed record RecommendDebug(int Considered, IReadOnlyList<StageCount> Stages);
