using System.Text.Json;
using Waymark.Domain.Conditions;
using Waymark.Domain.Definitions;
using Waymark.Domain.Runtime;

namespace Waymark.Domain.Tests.Runtime;

public class StepExecutorRunTests
{
    private static readonly DateTime Now = new(2026, 3, 16, 14, 30, 0, DateTimeKind.Utc);

    private const string GoldJourney = """
        {"nodes": [
           {"id": "entry", "type": "entry_trigger", "config": {"eventType": "account_created"}},
           {"id": "split", "type": "condition_split", "config": {"field": "tier", "operator": "eq", "value": "gold"}},
           {"id": "offer", "type": "nba_decision", "config": {"decisionFlowId": "flow_1"}},
           {"id": "send", "type": "channel_action", "config": {"channel": "email"}},
           {"id": "done", "type": "exit", "config": {"reason": "offer sent"}},
           {"id": "pause", "type": "wait", "config": {"delayHours": 48}},
           {"id": "bye", "type": "exit"}
         ],
         "edges": [
           {"source": "entry", "target": "split"},
           {"source": "split", "target": "offer", "sourceHandle": "true"},
           {"source": "split", "target": "pause", "sourceHandle": "false"},
           {"source": "offer", "target": "send"},
           {"source": "send", "target": "done"},
           {"source": "pause", "target": "bye"}
         ]}
        """;

    private static RunResult Run(string definition, string restingNodeId, string customer = "{}") =>
        StepExecutor.Run(TestJson.Definition(definition), restingNodeId, Now, new JsonFieldSource(TestJson.Parse(customer)));

    private static IEnumerable<string> Visited(RunResult result) => result.Steps.Select(step => step.Node.Id);

    [Fact]
    public void A_run_from_the_entry_goes_through_split_decision_and_channel_to_the_exit()
    {
        var result = Run(GoldJourney, "entry", """{"tier": "gold"}""");

        Assert.Equal(["split", "offer", "send", "done"], Visited(result));
        Assert.Equal(
            ["condition met (true branch)", "NBA decision requested (decision flow: flow_1)", "send via email", "journey complete"],
            result.Steps.Select(step => step.Outcome.Decision));
        Assert.Equal("\"gold\"", result.Steps[0].Outcome.Inputs!["tier"]!.Value.GetRawText());
        Assert.Equal(new RequestDecision("flow_1"), result.Steps[1].Outcome.Effect);
        Assert.Equal(new Deliver("email", null), result.Steps[2].Outcome.Effect);
        Assert.Equal(new Complete("journey complete", "offer sent"), result.Final);
        Assert.Same(result.Steps[^1].Outcome, result.Final);
    }

    [Fact]
    public void A_run_stops_at_a_wait()
    {
        var result = Run(GoldJourney, "entry", """{"tier": "silver"}""");

        Assert.Equal(["split", "pause"], Visited(result));
        Assert.Equal(new Wait(Now.AddHours(48), null, "wait 48h"), result.Final);
        Assert.All(result.Steps, step => Assert.Null(step.Outcome.Effect));
    }

    [Fact]
    public void A_run_resumed_from_a_wait_goes_on_to_the_exit()
    {
        var result = Run(GoldJourney, "pause");

        Assert.Equal(["bye"], Visited(result));
        Assert.Equal(new Complete("journey complete", null), result.Final);
    }

    [Fact]
    public void A_run_that_reaches_a_node_with_no_way_on_fails_after_the_steps_it_took()
    {
        var result = Run(
            """
            {"nodes": [{"id": "e", "type": "entry_trigger"}, {"id": "a", "type": "nba_decision"}, {"id": "b", "type": "channel_action", "config": {"channel": "sms"}}],
             "edges": [{"source": "e", "target": "a"}, {"source": "a", "target": "b"}]}
            """,
            "e");

        Assert.Equal(["a", "b"], Visited(result));
        Assert.Equal(new Fail("no outgoing edge from node 'b'", "send via sms"), result.Final);
    }

    [Fact]
    public void A_run_from_a_node_with_no_way_on_fails_without_entering_anything()
    {
        var result = Run("""{"nodes": [{"id": "e", "type": "entry_trigger"}], "edges": [{"source": "e", "target": "ghost"}]}""", "e");

        Assert.Empty(result.Steps);
        Assert.Equal("no way on from node 'e'", Assert.IsType<Fail>(result.Final).Reason);
    }

    [Fact]
    public void A_run_from_a_node_not_in_the_definition_fails_without_entering_anything()
    {
        var result = Run(GoldJourney, "gone");

        Assert.Empty(result.Steps);
        Assert.Equal("node 'gone' is not in the definition", Assert.IsType<Fail>(result.Final).Reason);
    }

    [Fact]
    public void A_run_round_a_cycle_is_stopped_once_it_has_entered_as_many_nodes_as_the_definition_has()
    {
        var result = Run(
            """
            {"nodes": [{"id": "e", "type": "entry_trigger"}, {"id": "a", "type": "nba_decision"}, {"id": "b", "type": "channel_action", "config": {"channel": "push"}}],
             "edges": [{"source": "e", "target": "a"}, {"source": "a", "target": "b"}, {"source": "b", "target": "a"}]}
            """,
            "e");

        Assert.Equal(["a", "b", "a"], Visited(result));
        Assert.All(result.Steps, step => Assert.IsType<Advance>(step.Outcome));
        Assert.StartsWith("cycle", Assert.IsType<Fail>(result.Final).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cycle_guard_leaves_a_long_acyclic_chain_alone()
    {
        const int length = 5_000;
        var nodes = new List<Node> { new("n0", NodeTypes.EntryTrigger, default) };
        nodes.AddRange(Enumerable.Range(1, length).Select(i => new Node($"n{i}", NodeTypes.NbaDecision, default)));
        nodes.Add(new Node("end", NodeTypes.Exit, default));
        var edges = Enumerable.Range(0, length).Select(i => new Edge(null, $"n{i}", $"n{i + 1}", null))
            .Append(new Edge(null, $"n{length}", "end", null));

        var result = StepExecutor.Run(new JourneyDefinition(nodes, edges), "n0", Now, new JsonFieldSource(default));

        Assert.IsType<Complete>(result.Final);
        Assert.Equal(length + 1, result.Steps.Count);
    }

    [Fact]
    public void A_run_reads_event_and_decision_fields_through_the_runtime_source()
    {
        var definition = TestJson.Definition("""
            {"nodes": [
               {"id": "w", "type": "wait", "config": {"waitForEvent": "purchase", "delayHours": 72}},
               {"id": "s", "type": "condition_split", "config": {"all": [
                  {"field": "event.amount", "operator": "gte", "value": 100},
                  {"field": "decision.offerId", "operator": "eq", "value": "off_1"},
                  {"field": "tier", "operator": "eq", "value": "gold"},
                  {"field": "event.coupon", "operator": "not_exists"}]}},
               {"id": "big", "type": "exit", "config": {"reason": "big spender"}},
               {"id": "small", "type": "exit"}],
             "edges": [
               {"source": "w", "target": "s"},
               {"source": "s", "target": "big", "sourceHandle": "true"},
               {"source": "s", "target": "small", "sourceHandle": "false"}]}
            """);
        var fields = new RuntimeFieldSource(
            TestJson.Parse("""{"tier": "gold"}"""),
            TestJson.Parse("""{"amount": 120}"""),
            TestJson.Parse("""{"offerId": "off_1"}"""));

        var result = StepExecutor.Run(definition, "w", Now, fields);

        Assert.Equal(["s", "big"], Visited(result));
        Assert.Equal(new Complete("journey complete", "big spender"), result.Final);
        var inputs = result.Steps[0].Outcome.Inputs!;
        Assert.Equal(["event.amount", "decision.offerId", "tier", "event.coupon"], inputs.Keys);
        Assert.Equal("120", inputs["event.amount"]!.Value.GetRawText());
        Assert.Equal("\"off_1\"", inputs["decision.offerId"]!.Value.GetRawText());
        Assert.Null(inputs["event.coupon"]);
    }

    [Fact]
    public void Without_the_event_the_same_split_takes_the_false_branch()
    {
        var definition = TestJson.Definition("""
            {"nodes": [
               {"id": "e", "type": "entry_trigger"},
               {"id": "s", "type": "condition_split", "config": {"field": "event.amount", "operator": "gte", "value": 100}},
               {"id": "big", "type": "exit"}, {"id": "small", "type": "exit"}],
             "edges": [
               {"source": "e", "target": "s"},
               {"source": "s", "target": "big", "sourceHandle": "true"},
               {"source": "s", "target": "small", "sourceHandle": "false"}]}
            """);

        var result = StepExecutor.Run(definition, "e", Now, new RuntimeFieldSource(TestJson.Parse("""{"amount": 500}"""), null, null));

        Assert.Equal(["s", "small"], Visited(result));
        Assert.Equal(new Dictionary<string, JsonElement?> { ["event.amount"] = null }, result.Steps[0].Outcome.Inputs);
    }
}
