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
    public static SimulationResult Run(JourneyDefinition definition, JsonElement? customerAttributes, DateTime now)
    {
        var node = definition.EntryNode;
        if (node is null)
        {
            return new SimulationResult([], SimulationOutcomes.Invalid);
        }

        var customer = new JsonFieldSource(customerAttributes ?? default);
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

            var outcome = StepExecutor.Enter(definition, node, clock, customer);
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
}
