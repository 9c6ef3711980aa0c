using Waymark.Domain.Definitions;

namespace Waymark.Domain.Tests.Definitions;

public class GraphValidatorTests
{
    private const string ValidJourney = """
        {"nodes": [
           {"id": "n1", "type": "entry_trigger", "config": {"eventType": "signup"}},
           {"id": "n2", "type": "condition_split", "config": {"field": "tier", "operator": "eq", "value": "gold"}},
           {"id": "n3", "type": "nba_decision"},
           {"id": "n4", "type": "channel_action", "config": {"channel": "email"}},
           {"id": "n5", "type": "wait", "config": {"delayHours": 48}},
           {"id": "n6", "type": "exit"}
         ],
         "edges": [
           {"id": "e1", "source": "n1", "target": "n2"},
           {"id": "e2", "source": "n2", "target": "n3", "sourceHandle": "true"},
           {"id": "e3", "source": "n2", "target": "n5", "sourceHandle": "false"},
           {"id": "e4", "source": "n3", "target": "n4"},
           {"id": "e5", "source": "n4", "target": "n6"},
           {"id": "e6", "source": "n5", "target": "n6"}
         ]}
        """;

    private static IReadOnlyList<Problem> Validate(string json) => GraphValidator.Validate(TestJson.Definition(json));

    private static string[] Fields(string json) => Validate(json).Select(p => p.Field).ToArray();

    private static string Graph(string nodes, string edges) => $$"""{"nodes": [{{nodes}}], "edges": [{{edges}}]}""";

    [Fact]
    public void A_valid_journey_has_no_problems() => Assert.Empty(Validate(ValidJourney));

    [Fact]
    public void Entry_straight_to_exit_is_valid() =>
        Assert.Empty(Validate(Graph(
            """{"id": "e", "type": "entry_trigger"}, {"id": "x", "type": "exit"}""",
            """{"source": "e", "target": "x"}""")));

    [Fact]
    public void An_empty_definition_lacks_an_entry() =>
        Assert.Equal(
            [new Problem("definition.nodes", "must contain exactly one entry_trigger, but has none")],
            GraphValidator.Validate(JourneyDefinition.Empty));

    [Fact]
    public void A_second_entry_trigger_is_reported_at_its_node()
    {
        var problems = Validate(Graph(
            """{"id": "a", "type": "entry_trigger"}, {"id": "b", "type": "entry_trigger"}, {"id": "x", "type": "exit"}""",
            """{"source": "a", "target": "x"}, {"source": "b", "target": "x"}"""));

        var problem = Assert.Single(problems);
        Assert.Equal("definition.nodes[1]", problem.Field);
        Assert.Contains("second entry_trigger", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_entry_trigger_takes_no_incoming_edge() =>
        Assert.Equal(
            ["definition.edges[2].target", "definition.nodes[3]"],
            Fields(Graph(
                """{"id": "e", "type": "entry_trigger"}, {"id": "c", "type": "channel_action", "config": {"channel": "sms"}}, {"id": "x", "type": "exit"}, {"id": "c2", "type": "channel_action", "config": {"channel": "sms"}}""",
                """{"source": "e", "target": "c"}, {"source": "c", "target": "x"}, {"source": "c2", "target": "e"}""")));

    [Fact]
    public void Every_edge_joins_existing_nodes()
    {
        var problems = Validate(Graph(
            """{"id": "e", "type": "entry_trigger"}, {"id": "x", "type": "exit"}""",
            """{"source": "e", "target": "x"}, {"source": "e", "target": "ghost"}, {"source": "phantom", "target": "x"}"""));

        Assert.Equal(
            [
                new Problem("definition.edges[1].target", "'ghost' is not the id of a node"),
                new Problem("definition.edges[2].source", "'phantom' is not the id of a node"),
                new Problem("definition.nodes[0]", "must have exactly one outgoing edge, but has 2 (node 'e')"),
            ],
            problems);
    }

    [Fact]
    public void Every_node_is_reachable_from_the_entry()
    {
        var problems = Validate(Graph(
            """{"id": "e", "type": "entry_trigger"}, {"id": "x", "type": "exit"}, {"id": "c", "type": "channel_action", "config": {"channelId": "ch_1"}}, {"id": "x2", "type": "exit"}""",
            """{"source": "e", "target": "x"}, {"source": "c", "target": "x2"}"""));

        Assert.Equal(
            [
                new Problem("definition.nodes[2]", "is not reachable from the entry_trigger (node 'c')"),
                new Problem("definition.nodes[3]", "is not reachable from the entry_trigger (node 'x2')"),
            ],
            problems);
    }

    [Fact]
    public void A_cycle_is_reported_at_the_edge_that_closes_it() =>
        Assert.Equal(
            [new Problem("definition.edges[2]", "closes a cycle: w1 -> w2 -> w1")],
            Validate(Graph(
                """{"id": "e", "type": "entry_trigger"}, {"id": "w1", "type": "wait", "config": {"delayHours": 1}}, {"id": "w2", "type": "wait", "config": {"delayHours": 1}}""",
                """{"source": "e", "target": "w1"}, {"source": "w1", "target": "w2"}, {"source": "w2", "target": "w1"}""")));

    [Fact]
    public void A_self_loop_is_a_cycle() =>
        Assert.Equal(
            [new Problem("definition.edges[1]", "closes a cycle: w -> w")],
            Validate(Graph(
                """{"id": "e", "type": "entry_trigger"}, {"id": "w", "type": "wait", "config": {"waitForEvent": "purchase"}}""",
                """{"source": "e", "target": "w"}, {"source": "w", "target": "w"}""")));

    [Fact]
    public void A_split_needs_exactly_one_true_and_one_false_edge() =>
        Assert.Equal(
            [
                new Problem("definition.nodes[1]", "must have exactly one edge with sourceHandle \"true\", but has 2 (node 's')"),
                new Problem("definition.nodes[1]", "must have exactly one edge with sourceHandle \"false\", but has 0 (node 's')"),
            ],
            Validate(Graph(
                """{"id": "e", "type": "entry_trigger"}, {"id": "s", "type": "condition_split", "config": {"field": "vip", "operator": "exists"}}, {"id": "x1", "type": "exit"}, {"id": "x2", "type": "exit"}""",
                """{"source": "e", "target": "s"}, {"source": "s", "target": "x1", "sourceHandle": "true"}, {"source": "s", "target": "x2", "sourceHandle": "true"}""")));

    [Theory]
    [InlineData(", \"sourceHandle\": null")]
    [InlineData("")]
    [InlineData(", \"sourceHandle\": \"no\"")]
    [InlineData(", \"sourceHandle\": \"False\"")]
    public void Edges_out_of_a_split_carry_true_or_false(string handle) =>
        Assert.Equal(
            ["definition.edges[2].sourceHandle", "definition.nodes[1]"],
            Fields(Graph(
                """{"id": "e", "type": "entry_trigger"}, {"id": "s", "type": "condition_split", "config": {"field": "vip", "operator": "exists"}}, {"id": "x1", "type": "exit"}, {"id": "x2", "type": "exit"}""",
                $$"""{"source": "e", "target": "s"}, {"source": "s", "target": "x1", "sourceHandle": "true"}, {"source": "s", "target": "x2"{{handle}}}""")));

    [Fact]
    public void Edges_out_of_other_nodes_carry_no_handle()
    {
        var problem = Assert.Single(Validate(Graph(
            """{"id": "e", "type": "entry_trigger"}, {"id": "x", "type": "exit"}""",
            """{"source": "e", "target": "x", "sourceHandle": "true"}""")));

        Assert.Equal("definition.edges[0].sourceHandle", problem.Field);
        Assert.Contains("must be absent", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_handle_counts_as_none() =>
        Assert.Empty(Validate(Graph(
            """{"id": "e", "type": "entry_trigger"}, {"id": "x", "type": "exit"}""",
            """{"source": "e", "target": "x", "sourceHandle": ""}""")));

    [Fact]
    public void An_exit_has_no_outgoing_edge() =>
        Assert.Equal(
            [new Problem("definition.nodes[1]", "is an exit, which takes no outgoing edge, but has 1 (node 'x')")],
            Validate(Graph(
                """{"id": "e", "type": "entry_trigger"}, {"id": "x", "type": "exit"}, {"id": "c", "type": "channel_action", "config": {"channel": "push"}}, {"id": "x2", "type": "exit"}""",
                """{"source": "e", "target": "x"}, {"source": "x", "target": "c"}, {"source": "c", "target": "x2"}""")));

    [Fact]
    public void A_dead_end_is_a_node_without_its_one_outgoing_edge() =>
        Assert.Equal(
            [new Problem("definition.nodes[1]", "must have exactly one outgoing edge, but has 0 (node 'c')")],
            Validate(Graph(
                """{"id": "e", "type": "entry_trigger"}, {"id": "c", "type": "channel_action", "config": {"channel": "webhook"}}""",
                """{"source": "e", "target": "c"}""")));

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var fields = Fields(Graph(
            """
            {"id": "e", "type": "entry_trigger"},
            {"id": "w", "type": "wait"},
            {"id": "s", "type": "condition_split", "config": {"field": "tier", "operator": "eq", "value": "gold"}},
            {"id": "c", "type": "channel_action", "config": {"channel": "fax"}},
            {"id": "x", "type": "exit"},
            {"id": "lost", "type": "nba_decision"}
            """,
            """
            {"source": "e", "target": "w"},
            {"source": "w", "target": "s", "sourceHandle": "true"},
            {"source": "s", "target": "c", "sourceHandle": "true"},
            {"source": "c", "target": "w"},
            {"source": "lost", "target": "x"},
            {"source": "x", "target": "nowhere"}
            """));

        Assert.Equal(
            [
                "definition.edges[1].sourceHandle", // a handle out of a wait
                "definition.edges[5].target", // to a node that does not exist
                "definition.nodes[1].config", // a wait with neither delay nor event
                "definition.nodes[2]", // a split without a false edge
                "definition.nodes[3].config.channel", // not a channel type
                "definition.nodes[4]", // an exit with an outgoing edge
                "definition.nodes[4]", // unreachable
                "definition.nodes[5]", // unreachable
                "definition.edges[3]", // closes the cycle w -> s -> c -> w
            ],
            fields);
    }

    [Fact]
    public void Paths_start_with_the_given_prefix() =>
        Assert.Equal(
            [new Problem("journey.definition.nodes", "must contain exactly one entry_trigger, but has none")],
            GraphValidator.Validate(JourneyDefinition.Empty, "journey.definition"));

    [Fact]
    public void Duplicate_ids_and_unknown_types_built_in_code_are_reported()
    {
        var config = TestJson.Parse("{}");
        var definition = new JourneyDefinition(
            [new Node("e", NodeTypes.EntryTrigger, config), new Node("x", NodeTypes.Exit, config), new Node("x", "sms", config)],
            [new Edge(null, "e", "x", null)]);

        Assert.Equal(["definition.nodes[2].id", "definition.nodes[2].type"], GraphValidator.Validate(definition).Select(p => p.Field));
    }

    [Fact]
    public void A_long_chain_validates_without_exhausting_the_stack()
    {
        const int length = 20_000;
        var config = TestJson.Parse("""{"delayHours": 1}""");
        var nodes = new List<Node> { new("n0", NodeTypes.EntryTrigger, config) };
        nodes.AddRange(Enumerable.Range(1, length).Select(i => new Node($"n{i}", NodeTypes.Wait, config)));
        nodes.Add(new Node("end", NodeTypes.Exit, config));
        var edges = Enumerable.Range(0, length).Select(i => new Edge(null, $"n{i}", $"n{i + 1}", null))
            .Append(new Edge(null, $"n{length}", "end", null));

        Assert.Empty(GraphValidator.Validate(new JourneyDefinition(nodes, edges)));
    }
}
