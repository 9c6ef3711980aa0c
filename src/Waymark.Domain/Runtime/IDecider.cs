using System.Text.Json;
using Waymark.Domain.Conditions;

namespace Waymark.Domain.Runtime;

// Makes the next-best-action decision an nba_decision step asks for, while the walk is under
// way, so that later condition splits in the same pass can read decision.*. The runtime's
// decider runs the decision flow against the database; a simulation's runs it without
// recording anything.
public interface IDecider
{
    DecisionMade Decide(RequestDecision request, IFieldSource fields);
}

// Decision is what decision.* reads ({"offerId", "name", "score", ...}), or null when no offer
// was eligible; Summary, when given, completes the step's decision text ("offer ofr_1 'Gold card'
// (score 0.42)", "no offer").
public sealed record DecisionMade(JsonElement? Decision, string? Summary);
