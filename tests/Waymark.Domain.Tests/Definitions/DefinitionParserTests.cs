using System.Text.Json;
using Waymark.Domain.Definitions;

namespace Waymark.Domain.Tests.Definitions;

public class DefinitionParserTests
{
    private static DefinitionParseResult Parse(string json, string prefix = "definition") =>
        DefinitionParser.Parse(TestJson.Parse(json), prefix);

    private static Problem SingleProblem(string json)
    {
        var result = Parse(json);
        Assert.Null(result.Definition);
        return Assert.Single(result.Problems);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"nodes": [], "edges": []}""")]
    [InlineData("""{"nodes": null, "edges": null}""")]
    public void Missing_or_empty_arrays_make_an_empty_definition(string json)
    {
        var definition = TestJson.Definition(json);
        Assert.Empty(definition.Nodes);
        Assert.Empty(definition.Edges);
    }

    [Fact]
    public void Nodes_and_edges_are_read_in_order_with_editor_keys_ignored()
    {
        var definition = TestJson.Definition("""
            {"nodes": [
               {"id": "n1", "type": "entry_trigger", "position": {"x": 0, "y": 0}, "data": {"label": "Start"}},
               {"id": "n2", "type": "condition_split", "config": {"field": "tier", "operator": "eq", "value": "gold"}},
               {"id": "n3", "type": "exit", "config": null}
             ],
             "edges": [
               {"id": "e1", "source": "n1", "target": "n2", "label": "go"},
               {"source": "n2", "target": "n3", "sourceHandle": "true"},
               {"id": "e3", "source": "n2", "target": "n3", "sourceHandle": null}
             ]}
            """);

        Assert.Equal(["n1", "n2", "n3"], definition.Nodes.Select(n => n.Id));
        Assert.Equal(["entry_trigger", "condition_split", "exit"], definition.Nodes.Select(n => n.Type));
        Assert.Equal(JsonValueKind.Object, definition.Nodes[0].Config.ValueKind);
        Assert.Equal("{}", definition.Nodes[2].Config.GetRawText());
        Assert.Equal(
            [new Edge("e1", "n1", "n2", null), new Edge(null, "n2", "n3", "true"), new Edge("e3", "n2", "n3", null)],
            definition.Edges);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"nodes\"")]
    public void The_definition_must_be_an_object(string json) =>
        Assert.Equal(new Problem("definition", "must be an object"), SingleProblem(json));

    [Theory]
    [InlineData("nodes")]
    [InlineData("edges")]
    public void Nodes_and_edges_must_be_arrays(string key) =>
        Assert.Equal(new Problem($"definition.{key}", "must be an array"), SingleProblem($$$"""{"{{{key}}}": {}}"""));

    [Fact]
    public void A_node_must_be_an_object() =>
        Assert.Equal(new Problem("definition.nodes[0]", "must be an object"), SingleProblem("""{"nodes": ["n1"]}"""));

    [Theory]
    [InlineData("""{"type": "exit"}""", "is required")]
    [InlineData("""{"id": 1, "type": "exit"}""", "must be a non-empty string")]
    [InlineData("""{"id": "", "type": "exit"}""", "must be a non-empty string")]
    [InlineData("""{"id": "12345678901234567890123456789012345678901234567890123456789012345", "type": "exit"}""", "must be 1-64 characters")]
    public void A_node_id_is_a_string_of_1_to_64_characters(string node, string message) =>
        Assert.Equal(new Problem("definition.nodes[0].id", message), SingleProblem($$"""{"nodes": [{{node}}]}"""));

    [Fact]
    public void A_node_id_of_64_characters_is_accepted() =>
        Assert.True(Parse($$"""{"nodes": [{"id": "{{new string('n', 64)}}", "type": "exit"}]}""").IsValid);

    [Fact]
    public void Node_ids_are_unique()
    {
        var problem = SingleProblem("""{"nodes": [{"id": "a", "type": "exit"}, {"id": "b", "type": "exit"}, {"id": "a", "type": "wait"}]}""");

        Assert.Equal("definition.nodes[2].id", problem.Field);
        Assert.Equal("'a' is already the id of nodes[0]", problem.Message);
    }

    [Theory]
    [InlineData("""{"id": "n1"}""", "is required")]
    [InlineData("""{"id": "n1", "type": "sms"}""", "must be one of entry_trigger, wait, condition_split, nba_decision, channel_action, exit")]
    [InlineData("""{"id": "n1", "type": "Exit"}""", "must be one of entry_trigger, wait, condition_split, nba_decision, channel_action, exit")]
    [InlineData("""{"id": "n1", "type": 3}""", "must be a non-empty string")]
    public void A_node_type_is_one_of_the_six(string node, string message) =>
        Assert.Equal(new Problem("definition.nodes[0].type", message), SingleProblem($$"""{"nodes": [{{node}}]}"""));

    [Theory]
    [InlineData("[]")]
    [InlineData("\"x\"")]
    [InlineData("5")]
    public void A_node_config_is_an_object(string config) =>
        Assert.Equal(
            new Problem("definition.nodes[0].config", "must be an object"),
            SingleProblem($$"""{"nodes": [{"id": "n1", "type": "wait", "config": {{config}}}]}"""));

    [Fact]
    public void Config_values_are_left_to_activation() =>
        Assert.True(Parse("""{"nodes": [{"id": "w", "type": "wait", "config": {"delayHours": "soon"}}]}""").IsValid);

    [Theory]
    [InlineData("""{"field": "tier", "operator": "like", "value": 1}""", "definition.nodes[0].config.operator")]
    [InlineData("""{"condition": {"field": "tier", "operator": "like", "value": 1}}""", "definition.nodes[0].config.condition.operator")]
    [InlineData("""{"all": [{"field": "tier", "operator": "in", "value": 1}]}""", "definition.nodes[0].config.all[0].value")]
    [InlineData("""{"condition": "tier = gold"}""", "definition.nodes[0].config.condition")]
    public void A_split_condition_must_parse_even_in_a_draft(string config, string field) =>
        Assert.Equal(field, SingleProblem($$"""{"nodes": [{"id": "s", "type": "condition_split", "config": {{config}}}]}""").Field);

    [Fact]
    public void A_split_without_a_condition_yet_is_an_unfinished_draft_and_accepted() =>
        Assert.True(Parse("""{"nodes": [{"id": "s", "type": "condition_split", "config": {"label": "VIP?"}}]}""").IsValid);

    [Fact]
    public void An_entry_condition_must_parse_even_in_a_draft() =>
        Assert.Equal(
            "definition.nodes[0].config.condition.value",
            SingleProblem("""{"nodes": [{"id": "e", "type": "entry_trigger", "config": {"condition": {"field": "amount", "operator": "gt"}}}]}""").Field);

    [Fact]
    public void A_condition_key_on_other_node_types_is_not_checked() =>
        Assert.True(Parse("""{"nodes": [{"id": "x", "type": "exit", "config": {"condition": 5}}]}""").IsValid);

    [Fact]
    public void An_edge_must_be_an_object() =>
        Assert.Equal(new Problem("definition.edges[0]", "must be an object"), SingleProblem("""{"edges": [["a", "b"]]}"""));

    [Theory]
    [InlineData("""{"target": "b"}""", "definition.edges[0].source", "is required")]
    [InlineData("""{"source": "", "target": "b"}""", "definition.edges[0].source", "must be a non-empty string")]
    [InlineData("""{"source": "a"}""", "definition.edges[0].target", "is required")]
    [InlineData("""{"source": "a", "target": 2}""", "definition.edges[0].target", "must be a non-empty string")]
    [InlineData("""{"id": 7, "source": "a", "target": "b"}""", "definition.edges[0].id", "must be a string")]
    [InlineData("""{"source": "a", "target": "b", "sourceHandle": true}""", "definition.edges[0].sourceHandle", "must be a string")]
    public void An_edge_has_string_ends_and_optional_string_id_and_handle(string edge, string field, string message) =>
        Assert.Equal(new Problem(field, message), SingleProblem($$"""{"edges": [{{edge}}]}"""));

    [Fact]
    public void Edges_to_unknown_nodes_are_left_to_activation() =>
        Assert.True(Parse("""{"edges": [{"source": "a", "target": "b", "sourceHandle": "maybe"}]}""").IsValid);

    [Fact]
    public void Every_problem_is_collected_in_document_order()
    {
        var result = Parse("""
            {"nodes": [
               {"id": "n1", "type": "entry_trigger"},
               {"id": "n2", "type": "teleport", "config": []},
               7,
               {"id": "n1", "type": "exit"},
               {"id": "n5", "type": "condition_split", "config": {"field": "x", "operator": "~"}}
             ],
             "edges": [{"source": "n1"}, {"source": "n1", "target": "n2", "sourceHandle": 1}]}
            """);

        Assert.Null(result.Definition);
        Assert.Equal(
            [
                "definition.nodes[1].type", "definition.nodes[1].config", "definition.nodes[2]", "definition.nodes[3].id",
                "definition.nodes[4].config.operator", "definition.edges[0].target", "definition.edges[1].sourceHandle",
            ],
            result.Problems.Select(p => p.Field));
    }

    [Theory]
    [InlineData("body", "body.nodes[0].type")]
    [InlineData("", "nodes[0].type")]
    public void Paths_start_with_the_given_prefix(string prefix, string field) =>
        Assert.Equal(field, Assert.Single(Parse("""{"nodes": [{"id": "n1"}]}""", prefix).Problems).Field);

    [Fact]
    public void A_parsed_definition_outlives_its_document()
    {
        JourneyDefinition definition;
        using (var document = JsonDocument.Parse("""{"nodes": [{"id": "w", "type": "wait", "config": {"delayHours": 48}}]}"""))
        {
            definition = DefinitionParser.Parse(document.RootElement).Definition!;
        }

        Assert.Equal(48, NodeConfig.DelayHours(definition.Nodes[0]));
    }
}
