using Waymark.Domain.Definitions;

namespace Waymark.Domain.Tests.Definitions;

public class JourneyDefinitionTests
{
    private static readonly JourneyDefinition Definition = TestJson.Definition("""
        {"nodes": [
           {"id": "w", "type": "wait", "config": {"delayHours": 1}},
           {"id": "e1", "type": "entry_trigger"},
           {"id": "e2", "type": "entry_trigger"},
           {"id": "x", "type": "exit"}
         ],
         "edges": [
           {"id": "a", "source": "e1", "target": "w"},
           {"id": "b", "source": "w", "target": "x"},
           {"id": "c", "source": "e1", "target": "x"}
         ]}
        """);

    [Fact]
    public void Entry_node_is_the_first_entry_trigger_in_definition_order() =>
        Assert.Equal("e1", Definition.EntryNode?.Id);

    [Fact]
    public void Nodes_are_found_by_id()
    {
        Assert.Equal("wait", Definition.FindNode("w")?.Type);
        Assert.Null(Definition.FindNode("missing"));
        Assert.Null(Definition.FindNode("W"));
    }

    [Fact]
    public void Outgoing_edges_keep_definition_order()
    {
        Assert.Equal(["a", "c"], Definition.OutgoingEdges("e1").Select(edge => edge.Id));
        Assert.Empty(Definition.OutgoingEdges("x"));
        Assert.Empty(Definition.OutgoingEdges("missing"));
    }

    [Fact]
    public void Empty_has_no_nodes_edges_or_entry()
    {
        Assert.Empty(JourneyDefinition.Empty.Nodes);
        Assert.Empty(JourneyDefinition.Empty.Edges);
        Assert.Null(JourneyDefinition.Empty.EntryNode);
    }

    [Fact]
    public void The_first_of_duplicate_ids_is_the_one_found()
    {
        var definition = new JourneyDefinition(
            [new Node("n", NodeTypes.Wait, default), new Node("n", NodeTypes.Exit, default)], []);

        Assert.Equal(NodeTypes.Wait, definition.FindNode("n")?.Type);
    }
}
