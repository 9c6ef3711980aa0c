using Waymark.Domain.Definitions;

namespace Waymark.Domain.Runtime;

public sealed record StepRecord(Node Node, StepOutcome Outcome);

// Steps are the nodes entered, in order, each with its outcome. Final is always a Wait, Complete
// or Fail: the last step's outcome, or a Fail of its own when the run could not enter a node at
// all (Steps empty) or was stopped by the cycle guard (Steps all Advance).
public sealed record RunResult(IReadOnlyList<StepRecord> Steps, StepOutcome Final)
{
    // The last decision an nba_decision step made in this run, when a decider was given.
    public DecisionMade? LastDecision { get; init; }
}
