namespace Waymark.Domain.Simulation;

// Timestamp keeps the Kind of the `now` the simulation was started with.
public sealed record SimulationStep(string NodeId, string NodeType, string Decision, DateTime Timestamp);

// Outcome is one of SimulationOutcomes.
public sealed record SimulationResult(IReadOnlyList<SimulationStep> Steps, string Outcome);
