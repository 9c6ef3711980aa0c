using Waymark.Domain.Definitions;
using Waymark.Domain.Simulation;

namespace Waymark.Domain.Tests.Simulation;

public class SimulatorTests
{
    private static readonly DateTime Now = new(2026, 3, 16, 14, 30, 0, DateTimeKind.Utc);

    private const string ReferenceJourney = """
        {"nodes": [
           {"id": "n1", "type": "entry_trigger", "config": {"eventType": "account_created"}},
           {"id": "n2", "type": "condition_split", "config": {"field": "tier", "operator": "eq", "value": "gold"}},
           {"id": "n3", "type": "nba_decision"},
           {"id": "n4", "type": "channel_action", "config": {"channel": "email"}},
           {"id": "n5", "type": "exit"},
           {"id": "n6", "type": "wait", "config": {"delayHours": 48}},
           {"id": "n7", "type": "exit", "config": {"reason": "not gold"}}
         ],
         "edges": [
           {"source": "n1", "target": "n2"},
           {"source": "n2", "target": "n3", "sourceHandle": "true"},
           {"source": "n2", "target": "n6", "sourceHandle": "false"},
           {"source": "n3", "target": "n4"},
           {"source": "n4", "target": "n5"},
           {"source": "n6", "target": "n7"}
         ]}
        """;

    private static SimulationResult Run(string definition, string? customer = null) =>
        Simulator.Run(TestJson.Definition(definition), customer is null ? null : TestJson.Parse(customer), Now);

    private static string Chain(params string[] nodes)
    {
        var nodeJson = nodes.Select((node, i) => $$"""{"id": "n{{i + 1}}", {{node}}}""");
        var edgeJson = Enumerable.Range(1, nodes.Length - 1).Select(i => $$"""{"source": "n{{i}}", "target": "n{{i + 1}}"}""");
        return $$"""{"nodes": [{{string.Join(", ", nodeJson)}}], "edges": [{{string.Join(", ", edgeJson)}}]}""";
    }

    [Fact]
    public void The_reference_example_is_reproduced_exactly()
    {
        var result = Run(ReferenceJourney, """{"tier": "gold"}""");

        Assert.Equal(SimulationOutcomes.Completed, result.Outcome);
        Assert.Equal(
            [
                new SimulationStep("n1", "entry_trigger", "customer enters journey", Now),
                new SimulationStep("n2", "condition_split", "condition met (true branch)", Now.AddMilliseconds(1)),
                new SimulationStep("n3", "nba_decision", "NBA decision requested (decision flow: default-flow)", Now.AddMilliseconds(2)),
                new SimulationStep("n4", "channel_action", "send via email", Now.AddMilliseconds(3)),
                new SimulationStep("n5", "exit", "journey complete", Now.AddMilliseconds(4)),
            ],
            result.Steps);
        Assert.Equal("2026-03-16T14:30:00.004Z", result.Steps[^1].Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void An_unmet_condition_takes_the_false_branch_and_a_wait_advances_the_clock()
    {
        var result = Run(ReferenceJourney, """{"tier": "silver"}""");

        Assert.Equal(SimulationOutcomes.Completed, result.Outcome);
        Assert.Equal(
            [
                new SimulationStep("n1", "entry_trigger", "customer enters journey", Now),
                new SimulationStep("n2", "condition_split", "condition not met (false branch)", Now.AddMilliseconds(1)),
                new SimulationStep("n6", "wait", "wait 48h", Now.AddMilliseconds(2)),
                new SimulationStep("n7", "exit", "journey complete", Now.AddHours(48).AddMilliseconds(3)),
            ],
            result.Steps);
    }

    [Fact]
    public void Without_customer_attributes_a_condition_is_not_met() =>
        Assert.Equal("condition not met (false branch)", Run(ReferenceJourney).Steps[1].Decision);

    [Theory]
    [InlineData("""{"delayHours": 0.5}""", "wait 0.5h", 30 * 60_000)]
    [InlineData("""{"delayHours": 0}""", "wait 0h", 0)]
    [InlineData("""{"waitForEvent": "purchase"}""", "wait for purchase", 0)]
    [InlineData("""{"waitForEvent": "purchase", "delayHours": 24}""", "wait for purchase (up to 24h)", 24 * 3_600_000)]
    [InlineData("""{}""", "wait (no delay or event configured)", 0)]
    public void A_wait_describes_itself_and_advances_by_its_delay(string config, string decision, long delayMs)
    {
        var result = Run(Chain("\"type\": \"entry_trigger\"", "\"type\": \"wait\", \"config\": " + config, "\"type\": \"exit\""));

        Assert.Equal(decision, result.Steps[1].Decision);
        Assert.Equal(Now.AddMilliseconds(2 + delayMs), result.Steps[2].Timestamp);
    }

    [Fact]
    public void Waits_accumulate()
    {
        var result = Run(Chain(
            "\"type\": \"entry_trigger\"",
            "\"type\": \"wait\", \"config\": {\"delayHours\": 1}",
            "\"type\": \"wait\", \"config\": {\"delayHours\": 2.5}",
            "\"type\": \"exit\""));

        Assert.Equal(Now.AddHours(3.5).AddMilliseconds(3), result.Steps[3].Timestamp);
    }

    [Theory]
    [InlineData("""{"channel": "sms", "channelId": "ch_9"}""", "send via sms")]
    [InlineData("""{"channelId": "ch_9"}""", "send via ch_9")]
    [InlineData("""{}""", "send via unconfigured channel")]
    public void A_channel_action_names_its_channel_type_else_its_channel_id(string config, string decision) =>
        Assert.Equal(decision, Run(Chain("\"type\": \"entry_trigger\"", "\"type\": \"channel_action\", \"config\": " + config, "\"type\": \"exit\"")).Steps[1].Decision);

    [Fact]
    public void An_nba_decision_names_its_flow() =>
        Assert.Equal(
            "NBA decision requested (decision flow: flow_42)",
            Run(Chain("\"type\": \"entry_trigger\"", "\"type\": \"nba_decision\", \"config\": {\"decisionFlowId\": \"flow_42\"}", "\"type\": \"exit\"")).Steps[1].Decision);

    [Fact]
    public void A_node_with_no_way_on_stalls()
    {
        var result = Run(Chain("\"type\": \"entry_trigger\"", "\"type\": \"channel_action\", \"config\": {\"channel\": \"push\"}"));

        Assert.Equal(SimulationOutcomes.Stalled, result.Outcome);
        Assert.Equal(["n1", "n2"], result.Steps.Select(s => s.NodeId));
    }

    [Fact]
    public void An_edge_to_a_missing_node_stalls()
    {
        var result = Run("""{"nodes": [{"id": "e", "type": "entry_trigger"}], "edges": [{"source": "e", "target": "ghost"}]}""");

        Assert.Equal(SimulationOutcomes.Stalled, result.Outcome);
        Assert.Single(result.Steps);
    }

    [Fact]
    public void A_split_without_the_branch_taken_stalls()
    {
        var result = Run(
            """
            {"nodes": [{"id": "e", "type": "entry_trigger"}, {"id": "s", "type": "condition_split", "config": {"field": "vip", "operator": "exists"}}, {"id": "x", "type": "exit"}],
             "edges": [{"source": "e", "target": "s"}, {"source": "s", "target": "x", "sourceHandle": "true"}]}
            """,
            """{"vip": null}""");

        Assert.Equal(SimulationOutcomes.Stalled, result.Outcome);
        Assert.Equal("condition not met (false branch)", result.Steps[^1].Decision);
    }

    [Fact]
    public void A_split_whose_condition_is_missing_counts_as_not_met()
    {
        var result = Run(
            """
            {"nodes": [{"id": "e", "type": "entry_trigger"}, {"id": "s", "type": "condition_split"}, {"id": "t", "type": "exit"}, {"id": "f", "type": "exit"}],
             "edges": [{"source": "e", "target": "s"}, {"source": "s", "target": "t", "sourceHandle": "true"}, {"source": "s", "target": "f", "sourceHandle": "false"}]}
            """);

        Assert.Equal(["e", "s", "f"], result.Steps.Select(s => s.NodeId));
    }

    [Fact]
    public void Without_an_entry_node_the_outcome_is_invalid_with_no_steps()
    {
        var result = Run(Chain("\"type\": \"wait\", \"config\": {\"delayHours\": 1}", "\"type\": \"exit\""));

        Assert.Equal(SimulationOutcomes.Invalid, result.Outcome);
        Assert.Empty(result.Steps);
        Assert.Equal(SimulationOutcomes.Invalid, Simulator.Run(JourneyDefinition.Empty, null, Now).Outcome);
    }

    [Fact]
    public void A_cycle_stops_as_invalid_with_the_steps_walked_so_far()
    {
        var result = Run("""
            {"nodes": [{"id": "e", "type": "entry_trigger"}, {"id": "a", "type": "nba_decision"}, {"id": "b", "type": "channel_action", "config": {"channel": "email"}}],
             "edges": [{"source": "e", "target": "a"}, {"source": "a", "target": "b"}, {"source": "b", "target": "a"}]}
            """);

        Assert.Equal(SimulationOutcomes.Invalid, result.Outcome);
        Assert.Equal(["e", "a", "b"], result.Steps.Select(s => s.NodeId));
    }

    [Fact]
    public void The_first_entry_trigger_is_where_the_walk_starts() =>
        Assert.Equal(
            ["b", "x"],
            Run("""
                {"nodes": [{"id": "x", "type": "exit"}, {"id": "b", "type": "entry_trigger"}, {"id": "a", "type": "entry_trigger"}],
                 "edges": [{"source": "a", "target": "x"}, {"source": "b", "target": "x"}]}
                """).Steps.Select(s => s.NodeId));

    [Fact]
    public void An_absurd_delay_saturates_the_clock_instead_of_throwing()
    {
        var result = Run(Chain(
            "\"type\": \"entry_trigger\"",
            "\"type\": \"wait\", \"config\": {\"delayHours\": 1e300}",
            "\"type\": \"wait\", \"config\": {\"delayHours\": 1e300}",
            "\"type\": \"exit\""));

        Assert.Equal(SimulationOutcomes.Completed, result.Outcome);
        Assert.Equal(DateTime.MaxValue.Ticks, result.Steps[^1].Timestamp.Ticks);
        Assert.Equal("wait 1E+300h", result.Steps[1].Decision);
    }

    [Fact]
    public void Timestamps_keep_the_kind_of_now() =>
        Assert.All(Run(ReferenceJourney, "{}").Steps, step => Assert.Equal(DateTimeKind.Utc, step.Timestamp.Kind));

    [Theory]
    [InlineData("""{"nodes": [{"id": "e", "type": "entry_trigger", "config": {"condition": {"all": []}}}], "edges": [{"source": "e", "target": "e", "sourceHandle": "x"}]}""", "invalid")]
    [InlineData("""{"nodes": [{"id": "e", "type": "entry_trigger"}, {"id": "x", "type": "exit"}], "edges": [{"source": "e", "target": "x"}, {"source": "x", "target": "e"}]}""", "completed")]
    [InlineData("""{"nodes": [{"id": "e", "type": "entry_trigger"}, {"id": "w", "type": "wait", "config": {"delayHours": "soon", "waitForEvent": 3}}], "edges": [{"source": "e", "target": "w"}]}""", "stalled")]
    [InlineData("""{"nodes": [{"id": "e", "type": "entry_trigger"}, {"id": "s", "type": "condition_split", "config": {"field": "a.b.0", "operator": "gt", "value": {"x": 1}}}], "edges": [{"source": "e", "target": "s", "sourceHandle": "true"}, {"source": "s", "target": "s", "sourceHandle": "false"}]}""", "invalid")]
    public void Any_accepted_draft_simulates_without_throwing(string definition, string outcome) =>
        Assert.Equal(outcome, Run(definition, """{"a": {"b": [5]}}""").Outcome);

    [Fact]
    public void A_long_chain_simulates_to_completion()
    {
        const int length = 20_000;
        var nodes = new List<Node> { new("n0", NodeTypes.EntryTrigger, default) };
        nodes.AddRange(Enumerable.Range(1, length).Select(i => new Node($"n{i}", NodeTypes.NbaDecision, default)));
        nodes.Add(new Node("end", NodeTypes.Exit, default));
        var edges = Enumerable.Range(0, length).Select(i => new Edge(null, $"n{i}", $"n{i + 1}", null))
            .Append(new Edge(null, $"n{length}", "end", null));

        var result = Simulator.Run(new JourneyDefinition(nodes, edges), null, Now);

        Assert.Equal(SimulationOutcomes.Completed, result.Outcome);
        Assert.Equal(length + 2, result.Steps.Count);
    }
}
