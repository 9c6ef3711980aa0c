using System.Text.Json;

namespace Waymark.Domain.Runtime;

// What happened at a node. Decision is the human-readable line recorded in history and shown
// by a simulation; every outcome has one, failures included.
public abstract record StepOutcome(string Decision)
{
    // The condition's field values as it saw them ({field: value, or null when missing}), so a
    // branch can be explained later; null for nodes that read nothing.
    public IReadOnlyDictionary<string, JsonElement?>? Inputs { get; init; }

    // Only on Advance: a node that cannot be left asks for nothing.
    public StepEffect? Effect { get; init; }
}

// NextNodeId always names a node of the definition.
public sealed record Advance(string NextNodeId, string Decision) : StepOutcome(Decision);

// Until = now + delayHours, saturating at DateTime.MaxValue, with the Kind of now; null only when
// the wait is for an event alone. A wait configured with neither is due at once (Until = now), so
// no enrollment can wait for nothing.
public sealed record Wait(DateTime? Until, string? EventType, string Decision) : StepOutcome(Decision);

// An exit node was entered; Reason is its configured reason, if any.
public sealed record Complete(string Decision, string? Reason) : StepOutcome(Decision);

// The enrollment cannot go on from here: Reason says why ("no outgoing edge from node 'x'").
public sealed record Fail(string Reason, string Decision) : StepOutcome(Decision);
