using System.Globalization;
using System.Text.Json;
using Waymark.Domain.Conditions;
using Waymark.Domain.Runtime;
using Waymark.Server.Decisioning;

namespace Waymark.Server.Runtime;

/// <summary>
/// Decides an enrollment's nba_decision steps with its decision flow, during the pass, and keeps
/// what it decided in order so the runner can tell which offer each later step delivers.
/// </summary>
public sealed class RecordingDecider(DecisionBatch batch, string customerId, JsonElement? customer, string? journeyId, string? enrollmentId, bool record)
    : IDecider
{
    public const string NoOffer = "no offer";
    private readonly List<DecisionMade> _made = [];

    public IReadOnlyList<DecisionMade> Made => _made;

    public DecisionMade Decide(RequestDecision request, IFieldSource fields)
    {
        var made = Decide(batch, request.DecisionFlowId, customerId, fields, customer, record, journeyId, enrollmentId);
        _made.Add(made);
        return made;
    }

    /// <summary>The top offer of the flow as decision.* reads it, or no offer.</summary>
    public static DecisionMade Decide(DecisionBatch batch, string flowRef, string customerId, IFieldSource fields, JsonElement? customer,
        bool record, string? journeyId, string? enrollmentId)
    {
        // A simulation names the offer it would pick, but keeps the reference's plain text when there is none.
        if (!batch.HasFlow(flowRef)) return new DecisionMade(null, record ? $"{NoOffer} (decision flow '{flowRef}' does not exist)" : null);
        var (result, recorded) = batch.Decide(flowRef, customerId, fields, customer, channel: null, limit: 1, record, journeyId, enrollmentId);
        if (result.Ranked.Count == 0) return new DecisionMade(null, record ? NoOffer : null);

        var top = result.Ranked[0];
        var decision = JsonSerializer.SerializeToElement(new
        {
            offerId = top.Offer.Id,
            name = top.Offer.Name,
            category = top.Offer.Category,
            score = top.Score,
            rank = top.Rank,
            decisionFlow = flowRef,
            recommendationId = recorded.Count > 0 ? recorded[0].Id : null,
            content = top.Offer.Content,
        }, Api.JsonDefaults.Options);
        var summary = string.Create(CultureInfo.InvariantCulture, $"offer {top.Offer.Id} '{top.Offer.Name}' (score {top.Score:0.####})");
        return new DecisionMade(decision, summary);
    }
}
