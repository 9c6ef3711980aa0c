namespace Waymark.Domain.Simulation;

public static class SimulationOutcomes
{
    // An exit node was reached.
    public const string Completed = "completed";

    // A node had no way on: no outgoing edge, no edge for the branch taken, or an edge to a
    // node that does not exist.
    public const string Stalled = "stalled";

    // No entry node, or the walk came back to a node it had already visited.
    public const string Invalid = "invalid";
}
