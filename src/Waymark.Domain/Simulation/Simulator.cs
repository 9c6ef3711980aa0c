using System.Globalization;
using System.Text.Json;
using Waymark.Domain.Conditions;
using Waymark.Domain.Definitions;

namespace Waymark.Domain.Simulation;

// A dry run of one customer through a definition, drafts included: it never throws on a
// definition DefinitionParser accepted, and it reads configs leniently.
public static class Simulator
{
    private const string TrueHandle = "true";
    private const string FalseHandle = "false";

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

            var visit = Visit(node, customer);
            steps.Add(new SimulationStep(node.Id, node.Type, visit.Decision, clock));
            if (node.Type == NodeTypes.Exit)
            {
                return new SimulationResult(steps, SimulationOutcomes.Completed);
            }

            clock = Advance(clock, visit.DelayTicks);
            clock = Advance(clock, TimeSpan.TicksPerMillisecond);

            var edge = definition.OutgoingEdges(node.Id)
                .FirstOrDefault(e => visit.Branch is null || e.SourceHandle == visit.Branch);
            if (edge is null || definition.FindNode(edge.Target) is not { } next)
            {
                return new SimulationResult(steps, SimulationOutcomes.Stalled);
            }

            node = next;
        }
    }

    private static NodeVisit Visit(Node node, JsonFieldSource customer)
    {
        switch (node.Type)
        {
            case NodeTypes.EntryTrigger:
                return new NodeVisit("customer enters journey");
            case NodeTypes.ConditionSplit:
                // An unparsable condition counts as not met, so drafts still simulate.
                return NodeConfig.SplitCondition(node)?.Evaluate(customer) == true
                    ? new NodeVisit("condition met (true branch)", Branch: TrueHandle)
                    : new NodeVisit("condition not met (false branch)", Branch: FalseHandle);
            case NodeTypes.NbaDecision:
                return new NodeVisit($"NBA decision requested (decision flow: {NodeConfig.DecisionFlowId(node)})");
            case NodeTypes.ChannelAction:
                var channel = NodeConfig.Channel(node) ?? NodeConfig.ChannelId(node);
                return new NodeVisit(channel is null ? "send via unconfigured channel" : $"send via {channel}");
            case NodeTypes.Wait:
                return VisitWait(node);
            case NodeTypes.Exit:
                return new NodeVisit("journey complete");
            default:
                return new NodeVisit($"unsupported node type '{node.Type}'");
        }
    }

    private static NodeVisit VisitWait(Node node)
    {
        var hours = NodeConfig.DelayHours(node);
        var eventType = NodeConfig.WaitForEvent(node);
        var delayTicks = hours is { } h ? HoursToTicks(h) : 0;
        var hoursText = hours?.ToString(CultureInfo.InvariantCulture);
        var decision = (hoursText, eventType) switch
        {
            (not null, not null) => $"wait for {eventType} (up to {hoursText}h)",
            (not null, null) => $"wait {hoursText}h",
            (null, not null) => $"wait for {eventType}",
            _ => "wait (no delay or event configured)",
        };
        return new NodeVisit(decision, delayTicks);
    }

    private static long HoursToTicks(double hours)
    {
        var ticks = Math.Round(hours * TimeSpan.TicksPerHour);
        return ticks >= long.MaxValue ? long.MaxValue : (long)ticks;
    }

    // Saturates at DateTime.MaxValue: a draft may ask for an absurd delay.
    private static DateTime Advance(DateTime clock, long ticks) =>
        ticks >= DateTime.MaxValue.Ticks - clock.Ticks
            ? new DateTime(DateTime.MaxValue.Ticks, clock.Kind)
            : clock.AddTicks(ticks);

    private readonly record struct NodeVisit(string Decision, long DelayTicks = 0, string? Branch = null);
}
