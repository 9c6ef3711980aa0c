using System.Globalization;
using Waymark.Domain.Conditions;
using Waymark.Domain.Definitions;

namespace Waymark.Domain.Runtime;

// The runtime's steps as pure functions of (definition, node, now, fields) to an outcome; the
// runner alone turns outcomes into rows, deliveries and due times. Configs are read leniently,
// so any definition the parser accepted is walked without throwing; a graph that cannot be
// walked yields a Fail, never an exception.
public static class StepExecutor
{
    private const string TrueHandle = "true";
    private const string FalseHandle = "false";

    // The enrollment has just entered `node`: decide what happens there.
    public static StepOutcome Enter(JourneyDefinition definition, Node node, DateTime now, IFieldSource fields) =>
        node.Type switch
        {
            NodeTypes.EntryTrigger => Onward(definition, node, DecisionTexts.EntersJourney),
            NodeTypes.ConditionSplit => Split(definition, node, fields),
            NodeTypes.NbaDecision => NbaDecision(definition, node),
            NodeTypes.ChannelAction => ChannelAction(definition, node),
            NodeTypes.Wait => WaitAt(definition, node, now),
            NodeTypes.Exit => new Complete(DecisionTexts.JourneyComplete, NodeConfig.ExitReason(node)),
            _ => new Fail(DecisionTexts.UnsupportedNode(node.Type), DecisionTexts.UnsupportedNode(node.Type)),
        };

    // Where an enrollment resting at `node` (the entry_trigger just after enrolling, or a wait
    // that has ended) goes when it moves on; null when there is no edge or its target is missing.
    public static string? Leave(JourneyDefinition definition, Node node) => NextNodeId(definition, node, null, out _);

    // From a resting node, leave it and enter nodes one after another until a Wait, Complete or
    // Fail. Every step shares `now`: they happen in one pass.
    // With a decider, an nba_decision step's decision is made as the step is entered and later
    // steps read it as decision.*.
    public static RunResult Run(JourneyDefinition definition, string restingNodeId, DateTime now, IFieldSource fields, IDecider? decider = null)
    {
        if (definition.FindNode(restingNodeId) is not { } resting)
        {
            return new RunResult([], new Fail($"node '{restingNodeId}' is not in the definition", DecisionTexts.CannotContinue));
        }

        if (Leave(definition, resting) is not { } nextNodeId)
        {
            return new RunResult([], new Fail($"no way on from node '{restingNodeId}'", DecisionTexts.CannotContinue));
        }

        // An acyclic walk enters each node at most once, so entering more nodes than the
        // definition has means a cycle; a validated definition has none, but a run must still end.
        var steps = new List<StepRecord>();
        DecisionMade? lastDecision = null;
        while (steps.Count < definition.Nodes.Count)
        {
            var node = definition.FindNode(nextNodeId)!;
            var outcome = Enter(definition, node, now, fields);
            if (decider is not null && outcome.Effect is RequestDecision request)
            {
                lastDecision = decider.Decide(request, fields);
                outcome = WithDecision(outcome, lastDecision);
                fields = fields is RuntimeFieldSource runtime ? runtime.WithDecision(lastDecision.Decision) : fields;
            }

            steps.Add(new StepRecord(node, outcome));
            if (outcome is not Advance advance)
            {
                return new RunResult(steps, outcome) { LastDecision = lastDecision };
            }

            nextNodeId = advance.NextNodeId;
        }

        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"cycle: entered {steps.Count} nodes from node '{restingNodeId}' without waiting or ending");
        return new RunResult(steps, new Fail(reason, DecisionTexts.CannotContinue)) { LastDecision = lastDecision };
    }

    // The step's text names what was decided: "NBA decision requested (decision flow: x): offer …".
    public static StepOutcome WithDecision(StepOutcome outcome, DecisionMade made) =>
        string.IsNullOrEmpty(made.Summary) ? outcome : outcome with { Decision = $"{outcome.Decision}: {made.Summary}" };

    private static StepOutcome Split(JourneyDefinition definition, Node node, IFieldSource fields)
    {
        // A missing or unparsable condition counts as not met, so drafts still simulate.
        var condition = NodeConfig.SplitCondition(node);
        var met = condition?.Evaluate(fields) == true;
        var decision = met ? DecisionTexts.ConditionMet : DecisionTexts.ConditionNotMet;
        return Onward(definition, node, decision, met ? TrueHandle : FalseHandle) with
        {
            Inputs = condition?.ReadInputs(fields),
        };
    }

    private static StepOutcome NbaDecision(JourneyDefinition definition, Node node)
    {
        var flowId = NodeConfig.DecisionFlowId(node);
        return Onward(definition, node, DecisionTexts.NbaDecision(flowId), effect: new RequestDecision(flowId));
    }

    private static StepOutcome ChannelAction(JourneyDefinition definition, Node node)
    {
        var channel = NodeConfig.Channel(node);
        var channelId = NodeConfig.ChannelId(node);
        return Onward(definition, node, DecisionTexts.SendVia(channel ?? channelId), effect: new Deliver(channel, channelId));
    }

    // A wait with nowhere to go after it fails now rather than after making the customer wait.
    private static StepOutcome WaitAt(JourneyDefinition definition, Node node, DateTime now)
    {
        var hours = NodeConfig.DelayHours(node);
        var eventType = NodeConfig.WaitForEvent(node);
        var decision = DecisionTexts.Wait(hours, eventType);
        if (NextNodeId(definition, node, null, out var problem) is null)
        {
            return new Fail(problem, decision);
        }

        var until = hours is { } h ? Delays.AddHours(now, h) : eventType is null ? now : (DateTime?)null;
        return new Wait(until, eventType, decision);
    }

    private static StepOutcome Onward(
        JourneyDefinition definition, Node node, string decision, string? branch = null, StepEffect? effect = null) =>
        NextNodeId(definition, node, branch, out var problem) is { } next
            ? new Advance(next, decision) { Effect = effect }
            : new Fail(problem, decision);

    // The first outgoing edge in definition order (for a split, the first of the branch taken);
    // a valid definition has exactly one. Null, with the reason, when there is none or its
    // target does not exist.
    private static string? NextNodeId(JourneyDefinition definition, Node node, string? branch, out string problem)
    {
        var edge = definition.OutgoingEdges(node.Id)
            .FirstOrDefault(e => branch is null || string.Equals(e.SourceHandle, branch, StringComparison.Ordinal));
        if (edge is null)
        {
            problem = branch is null
                ? $"no outgoing edge from node '{node.Id}'"
                : $"no '{branch}' edge from node '{node.Id}'";
            return null;
        }

        if (definition.FindNode(edge.Target) is null)
        {
            problem = $"the edge from node '{node.Id}' leads to missing node '{edge.Target}'";
            return null;
        }

        problem = string.Empty;
        return edge.Target;
    }
}
