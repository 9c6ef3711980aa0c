namespace Waymark.Domain.Definitions;

// The definition by position, as validation reports problems by index. Edges whose ends do
// not exist are kept with index -1 so they can be reported, and left out of adjacency.
internal sealed class IndexedGraph
{
    public IndexedGraph(JourneyDefinition definition)
    {
        Nodes = definition.Nodes;
        Edges = definition.Edges;
        IndexById = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Nodes.Count; i++)
        {
            IndexById.TryAdd(Nodes[i].Id, i);
        }

        Entries = Enumerable.Range(0, Nodes.Count).Where(i => Nodes[i].Type == NodeTypes.EntryTrigger).ToList();
        var outgoing = Enumerable.Range(0, Nodes.Count).Select(_ => new List<int>()).ToArray();
        SourceOf = new int[Edges.Count];
        TargetOf = new int[Edges.Count];
        for (var k = 0; k < Edges.Count; k++)
        {
            SourceOf[k] = IndexById.GetValueOrDefault(Edges[k].Source, -1);
            TargetOf[k] = IndexById.GetValueOrDefault(Edges[k].Target, -1);
            if (SourceOf[k] >= 0)
            {
                outgoing[SourceOf[k]].Add(k);
            }
        }

        Outgoing = outgoing;
    }

    public IReadOnlyList<Node> Nodes { get; }

    public IReadOnlyList<Edge> Edges { get; }

    // The first node holding each id; later duplicates are reported and otherwise ignored.
    public Dictionary<string, int> IndexById { get; }

    public IReadOnlyList<int> Entries { get; }

    // Edge indices by source node index.
    public IReadOnlyList<int>[] Outgoing { get; }

    public int[] SourceOf { get; }

    public int[] TargetOf { get; }

    public bool IsCanonical(int node) => IndexById[Nodes[node].Id] == node;

    public IEnumerable<int> Successors(int node) =>
        Outgoing[node].Select(edge => TargetOf[edge]).Where(target => target >= 0);
}
