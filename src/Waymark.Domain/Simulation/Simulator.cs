using System.Text.Json;
using Waymark.Domain.Conditions;
using Waymark.Domain.Definitions;
using Waymark.Domain.Runtime;

namespace Waymark.Domain.Simulation;

// A dry run of one customer through a definition, drafts included: it never throws on a
// definition DefinitionParser accepted. Each node is entered exactly as the runtime enters it
// (StepExecutor.Enter), except that a wait does not stop the walk: the simulated clock moves
// by its delay and the walk carries on along the wait's edge, as if the delay ran out.
public static class Simulator
{
    // With a decider, nba_decision steps name the offer the flow would choose (nothing is recorded).
    public static SimulationResult Run(JourneyDefinition definition, JsonElement? customerAttributes, DateTime now, IDecider? decider = null)
    {
        var node = definition.EntryNode;
        if (node is null)
        {
            return new SimulationResult([], SimulationOutcomes.Invalid);
        }

        IFieldSource fields = new JsonFieldSource(customerAttributes ?? default);
        var steps = new List<SimulationStep>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var clock = now;
        while (true)
        {
            // Coming back to a node means a cycle: a live journey cannot have one.
            if (!visited.Add(node.Id))
            {
                return new SimulationResult(steps, SimulationOutcomes.Invalid);
            }

            var outcome = StepExecutor.Enter(definition, node, clock, fields);
            if (decider is not null && outcome.Effect is RequestDecision request)
            {
                var made = decider.Decide(request, fields);
                outcome = StepExecutor.WithDecision(outcome, made);
                fields = new DecidedFieldSource(customerAttributes, made.Decision);
            }

            steps.Add(new SimulationStep(node.Id, node.Type, outcome.Decision, clock));
            string? nextNodeId;
            switch (outcome)
            {
                case Advance advance:
                    nextNodeId = advance.NextNodeId;
                    break;
                case Wait wait:
                    // Event-only waits take no simulated time.
                    clock = wait.Until ?? clock;
                    nextNodeId = StepExecutor.Leave(definition, node);
                    break;
                case Complete:
                    return new SimulationResult(steps, SimulationOutcomes.Completed);
                default:
                    return new SimulationResult(steps, SimulationOutcomes.Stalled);
            }

            if (nextNodeId is null)
            {
                return new SimulationResult(steps, SimulationOutcomes.Stalled);
            }

            clock = Delays.AddTicks(clock, TimeSpan.TicksPerMillisecond);
            node = definition.FindNode(nextNodeId)!;
        }
    }

    // In a simulation every path resolves in customerAttributes (SPEC §5), except decision.*
    // once a decision has been made in the walk.
    private sealed class DecidedFieldSource(JsonElement? customerAttributes, JsonElement? decision) : IFieldSource
    {
        private readonly JsonFieldSource customer = new(customerAttributes ?? default);
        private readonly JsonFieldSource decided = new(decision ?? default);

        public bool TryGet(string path, out JsonElement value) =>
            path.StartsWith(RuntimeFieldSource.DecisionPrefix, StringComparison.Ordinal)
                ? decided.TryGet(path[RuntimeFieldSource.DecisionPrefix.Length..], out value)
                : customer.TryGet(path, out value);
    }
}
