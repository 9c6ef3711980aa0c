namespace Waymark.Domain.Definitions;

// An immutable graph with lookups built once: steps look nodes and edges up on every visit.
public sealed class JourneyDefinition
{
    private readonly Dictionary<string, Node> nodesById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Edge>> edgesBySource = new(StringComparer.Ordinal);

    public JourneyDefinition(IEnumerable<Node> nodes, IEnumerable<Edge> edges)
    {
        Nodes = nodes.ToArray();
        Edges = edges.ToArray();

        foreach (var node in Nodes)
        {
            // The first of duplicate ids wins; the parser and validator reject duplicates.
            nodesById.TryAdd(node.Id, node);
        }

        foreach (var edge in Edges)
        {
            if (!edgesBySource.TryGetValue(edge.Source, out var outgoing))
            {
                outgoing = [];
                edgesBySource.Add(edge.Source, outgoing);
            }

            outgoing.Add(edge);
        }

        EntryNode = Nodes.FirstOrDefault(node => node.Type == NodeTypes.EntryTrigger);
    }

    public static JourneyDefinition Empty { get; } = new([], []);

    public IReadOnlyList<Node> Nodes { get; }

    public IReadOnlyList<Edge> Edges { get; }

    // The first entry_trigger in definition order; a valid definition has exactly one.
    public Node? EntryNode { get; }

    public Node? FindNode(string id) => nodesById.GetValueOrDefault(id);

    // In definition order.
    public IReadOnlyList<Edge> OutgoingEdges(string nodeId) =>
        edgesBySource.TryGetValue(nodeId, out var outgoing) ? outgoing : [];
}
