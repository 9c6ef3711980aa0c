using System.Text.Json;
using Waymark.Domain.Conditions;
using Waymark.Domain.Definitions;
using Waymark.Domain.Runtime;

namespace Waymark.Domain.Tests.Runtime;

public class StepExecutorTests
{
    private static readonly DateTime Now = new(2026, 3, 16, 14, 30, 0, DateTimeKind.Utc);

    private static readonly IFieldSource NoFields = new JsonFieldSource(default);

    // The node under test is "n", followed by "next" when `edgeOut` is set.
    private static (JourneyDefinition Definition, Node Node) Single(string type, string config = "{}", bool edgeOut = true)
    {
        var edges = edgeOut ? """[{"source": "n", "target": "next"}]""" : "[]";
        var definition = TestJson.Definition($$"""
            {"nodes": [{"id": "n", "type": "{{type}}", "config": {{config}}}, {"id": "next", "type": "exit"}],
             "edges": {{edges}}}
            """);
        return (definition, definition.FindNode("n")!);
    }

    private static StepOutcome Enter(string type, string config = "{}", bool edgeOut = true)
    {
        var (definition, node) = Single(type, config, edgeOut);
        return StepExecutor.Enter(definition, node, Now, NoFields);
    }

    private static StepOutcome EnterSplit(string condition, string attributes, string edges = """
        [{"source": "s", "target": "yes", "sourceHandle": "true"}, {"source": "s", "target": "no", "sourceHandle": "false"}]
        """)
    {
        var definition = TestJson.Definition($$"""
            {"nodes": [{"id": "s", "type": "condition_split", "config": {{condition}}},
                       {"id": "yes", "type": "exit"}, {"id": "no", "type": "exit"}],
             "edges": {{edges}}}
            """);
        return StepExecutor.Enter(definition, definition.FindNode("s")!, Now, new JsonFieldSource(TestJson.Parse(attributes)));
    }

    private static Dictionary<string, string?> Raw(IReadOnlyDictionary<string, JsonElement?>? inputs)
    {
        Assert.NotNull(inputs);
        return inputs.ToDictionary(input => input.Key, input => input.Value?.GetRawText(), StringComparer.Ordinal);
    }

    [Fact]
    public void An_entry_trigger_advances_as_the_customer_enters() =>
        Assert.Equal(new Advance("next", "customer enters journey"), Enter("entry_trigger", """{"eventType": "signup"}"""));

    [Fact]
    public void A_condition_that_holds_takes_the_true_branch_and_records_what_it_read()
    {
        var outcome = EnterSplit(
            """{"all": [{"field": "tier", "operator": "eq", "value": "gold"}, {"field": "orders", "operator": "gte", "value": 2}]}""",
            """{"tier": "gold", "orders": 3, "name": "Ada"}""");

        var advance = Assert.IsType<Advance>(outcome);
        Assert.Equal(("yes", "condition met (true branch)"), (advance.NextNodeId, advance.Decision));
        Assert.Equal(new Dictionary<string, string?> { ["tier"] = "\"gold\"", ["orders"] = "3" }, Raw(advance.Inputs));
        Assert.Null(advance.Effect);
    }

    [Fact]
    public void A_condition_that_fails_takes_the_false_branch_and_records_missing_fields_as_null()
    {
        var outcome = EnterSplit(
            """{"any": [{"field": "tier", "operator": "eq", "value": "gold"}, {"field": "vip", "operator": "exists"}, {"not": {"field": "tier", "operator": "exists"}}]}""",
            """{"tier": "silver", "vip": null}""");

        var advance = Assert.IsType<Advance>(outcome);
        Assert.Equal(("no", "condition not met (false branch)"), (advance.NextNodeId, advance.Decision));
        Assert.Equal(new Dictionary<string, string?> { ["tier"] = "\"silver\"", ["vip"] = null }, Raw(advance.Inputs));
    }

    [Fact]
    public void A_condition_nested_under_the_condition_key_is_read_too()
    {
        var outcome = EnterSplit("""{"condition": {"field": "age", "operator": ">", "value": 18}}""", """{"age": 30}""");

        Assert.Equal("yes", Assert.IsType<Advance>(outcome).NextNodeId);
        Assert.Equal(new Dictionary<string, string?> { ["age"] = "30" }, Raw(outcome.Inputs));
    }

    [Fact]
    public void A_split_without_a_condition_takes_the_false_branch_and_reads_nothing()
    {
        var outcome = EnterSplit("{}", """{"tier": "gold"}""");

        Assert.Equal(new Advance("no", "condition not met (false branch)"), outcome);
        Assert.Null(outcome.Inputs);
    }

    [Theory]
    [InlineData("""{"decisionFlowId": "flow_42"}""", "flow_42")]
    [InlineData("{}", "default-flow")]
    [InlineData("""{"decisionFlowId": ""}""", "default-flow")]
    public void An_nba_decision_requests_a_decision_from_its_flow(string config, string flowId)
    {
        var outcome = Enter("nba_decision", config);

        Assert.Equal(
            new Advance("next", $"NBA decision requested (decision flow: {flowId})") { Effect = new RequestDecision(flowId) },
            outcome);
    }

    [Theory]
    [InlineData("""{"channel": "sms", "channelId": "ch_9"}""", "send via sms", "sms", "ch_9")]
    [InlineData("""{"channel": "email"}""", "send via email", "email", null)]
    [InlineData("""{"channelId": "ch_9"}""", "send via ch_9", null, "ch_9")]
    [InlineData("{}", "send via unconfigured channel", null, null)]
    public void A_channel_action_delivers_through_its_channel(string config, string decision, string? channel, string? channelId)
    {
        var outcome = Enter("channel_action", config);

        Assert.Equal(new Advance("next", decision) { Effect = new Deliver(channel, channelId) }, outcome);
    }

    [Theory]
    [InlineData("48", "wait 48h", 48 * 60)]
    [InlineData("0.5", "wait 0.5h", 30)]
    [InlineData("0.25", "wait 0.25h", 15)]
    [InlineData("0", "wait 0h", 0)]
    public void A_wait_with_a_delay_waits_until_now_plus_the_delay(string hours, string decision, int minutes) =>
        Assert.Equal(new Wait(Now.AddMinutes(minutes), null, decision), Enter("wait", $$"""{"delayHours": {{hours}}}"""));

    [Fact]
    public void A_wait_for_an_event_alone_has_no_due_time() =>
        Assert.Equal(new Wait(null, "purchase", "wait for purchase"), Enter("wait", """{"waitForEvent": "purchase"}"""));

    [Fact]
    public void A_wait_with_both_waits_until_the_delay_and_for_the_event() =>
        Assert.Equal(
            new Wait(Now.AddHours(24), "purchase", "wait for purchase (up to 24h)"),
            Enter("wait", """{"waitForEvent": "purchase", "delayHours": 24}"""));

    [Fact]
    public void A_wait_with_neither_a_delay_nor_an_event_is_due_at_once() =>
        Assert.Equal(new Wait(Now, null, "wait (no delay or event configured)"), Enter("wait", """{"delayHours": "soon"}"""));

    [Fact]
    public void A_wait_asks_for_no_effect_and_reads_nothing()
    {
        var outcome = Enter("wait", """{"delayHours": 1}""");

        Assert.Null(outcome.Effect);
        Assert.Null(outcome.Inputs);
    }

    [Fact]
    public void An_absurd_delay_saturates_at_the_latest_instant_in_the_kind_of_now()
    {
        var wait = Assert.IsType<Wait>(Enter("wait", """{"delayHours": 1e300}"""));

        Assert.Equal(DateTime.MaxValue.Ticks, wait.Until!.Value.Ticks);
        Assert.Equal(DateTimeKind.Utc, wait.Until.Value.Kind);
        Assert.Equal("wait 1E+300h", wait.Decision);
    }

    [Fact]
    public void An_exit_completes_the_journey_with_its_reason() =>
        Assert.Equal(new Complete("journey complete", "not gold"), Enter("exit", """{"reason": "not gold"}""", edgeOut: false));

    [Fact]
    public void An_exit_without_a_reason_completes_with_none()
    {
        var outcome = Enter("exit", edgeOut: false);

        Assert.Equal(new Complete("journey complete", null), outcome);
        Assert.Null(outcome.Effect);
    }

    [Theory]
    [InlineData("entry_trigger", "{}", "customer enters journey")]
    [InlineData("nba_decision", "{}", "NBA decision requested (decision flow: default-flow)")]
    [InlineData("channel_action", """{"channel": "push"}""", "send via push")]
    [InlineData("wait", """{"delayHours": 48}""", "wait 48h")]
    public void A_node_without_an_outgoing_edge_fails_with_its_own_decision(string type, string config, string decision)
    {
        var outcome = Enter(type, config, edgeOut: false);

        Assert.Equal(new Fail("no outgoing edge from node 'n'", decision), outcome);
        Assert.Null(outcome.Effect);
    }

    [Fact]
    public void A_split_without_an_edge_for_the_branch_taken_fails_but_keeps_its_inputs()
    {
        var outcome = EnterSplit(
            """{"field": "tier", "operator": "eq", "value": "gold"}""",
            "{}",
            """[{"source": "s", "target": "yes", "sourceHandle": "true"}]""");

        var fail = Assert.IsType<Fail>(outcome);
        Assert.Equal(("no 'false' edge from node 's'", "condition not met (false branch)"), (fail.Reason, fail.Decision));
        Assert.Equal(new Dictionary<string, string?> { ["tier"] = null }, Raw(fail.Inputs));
    }

    [Theory]
    [InlineData("entry_trigger")]
    [InlineData("nba_decision")]
    [InlineData("channel_action")]
    [InlineData("wait")]
    public void An_edge_to_a_missing_node_fails(string type)
    {
        var definition = TestJson.Definition($$"""
            {"nodes": [{"id": "n", "type": "{{type}}", "config": {"delayHours": 1} }], "edges": [{"source": "n", "target": "ghost"}]}
            """);

        var outcome = StepExecutor.Enter(definition, definition.FindNode("n")!, Now, NoFields);

        Assert.Equal("the edge from node 'n' leads to missing node 'ghost'", Assert.IsType<Fail>(outcome).Reason);
        Assert.Null(outcome.Effect);
    }

    [Fact]
    public void A_split_branch_to_a_missing_node_fails()
    {
        var outcome = EnterSplit(
            """{"field": "tier", "operator": "exists"}""",
            """{"tier": "gold"}""",
            """[{"source": "s", "target": "ghost", "sourceHandle": "true"}, {"source": "s", "target": "no", "sourceHandle": "false"}]""");

        var fail = Assert.IsType<Fail>(outcome);
        Assert.Equal(("the edge from node 's' leads to missing node 'ghost'", "condition met (true branch)"), (fail.Reason, fail.Decision));
    }

    [Fact]
    public void A_node_of_an_unknown_type_fails()
    {
        var node = new Node("n", "teleport", default);
        var definition = new JourneyDefinition([node, new Node("x", NodeTypes.Exit, default)], [new Edge(null, "n", "x", null)]);

        Assert.Equal(
            new Fail("unsupported node type 'teleport'", "unsupported node type 'teleport'"),
            StepExecutor.Enter(definition, node, Now, NoFields));
    }

    [Fact]
    public void Edges_are_taken_in_definition_order()
    {
        var definition = TestJson.Definition("""
            {"nodes": [{"id": "n", "type": "nba_decision"}, {"id": "a", "type": "exit"}, {"id": "b", "type": "exit"}],
             "edges": [{"source": "n", "target": "b"}, {"source": "n", "target": "a"}]}
            """);

        Assert.Equal("b", Assert.IsType<Advance>(StepExecutor.Enter(definition, definition.FindNode("n")!, Now, NoFields)).NextNodeId);
    }
}
