namespace Waymark.Domain.Definitions;

// The rules a definition must meet before it runs (activation, or any change to a live
// journey). Reports every problem at once, so an editor can fix them in one pass.
public static class GraphValidator
{
    public static IReadOnlyList<Problem> Validate(JourneyDefinition definition, string fieldPrefix = "definition")
    {
        var graph = new IndexedGraph(definition);
        var nodesPath = ProblemPath.Child(fieldPrefix, "nodes");
        var edgesPath = ProblemPath.Child(fieldPrefix, "edges");
        var problems = new List<Problem>();

        CheckIdsAndTypes(graph, nodesPath, problems);
        CheckEntry(graph, nodesPath, problems);
        CheckEdges(graph, edgesPath, problems);
        CheckNodes(graph, nodesPath, problems);
        CheckReachability(graph, nodesPath, problems);
        foreach (var (edge, cycle) in CycleFinder.BackEdges(graph))
        {
            var ids = cycle.Select(index => graph.Nodes[index].Id).Append(graph.Nodes[cycle[0]].Id);
            problems.Add(new Problem(ProblemPath.Item(edgesPath, edge), $"closes a cycle: {string.Join(" -> ", ids)}"));
        }

        return problems;
    }

    private static void CheckIdsAndTypes(IndexedGraph graph, string nodesPath, List<Problem> problems)
    {
        for (var i = 0; i < graph.Nodes.Count; i++)
        {
            var node = graph.Nodes[i];
            var path = ProblemPath.Item(nodesPath, i);
            if (!graph.IsCanonical(i))
            {
                problems.Add(new Problem(ProblemPath.Child(path, "id"), $"'{node.Id}' is already the id of {ProblemPath.Item("nodes", graph.IndexById[node.Id])}"));
            }

            if (!NodeTypes.IsKnown(node.Type))
            {
                problems.Add(new Problem(ProblemPath.Child(path, "type"), $"must be one of {string.Join(", ", NodeTypes.All)}"));
            }
        }
    }

    private static void CheckEntry(IndexedGraph graph, string nodesPath, List<Problem> problems)
    {
        if (graph.Entries.Count == 0)
        {
            problems.Add(new Problem(nodesPath, "must contain exactly one entry_trigger, but has none"));
            return;
        }

        var first = graph.Nodes[graph.Entries[0]].Id;
        foreach (var extra in graph.Entries.Skip(1))
        {
            problems.Add(new Problem(
                ProblemPath.Item(nodesPath, extra),
                $"is a second entry_trigger (node '{graph.Nodes[extra].Id}'); a journey has exactly one, and '{first}' comes first"));
        }
    }

    private static void CheckEdges(IndexedGraph graph, string edgesPath, List<Problem> problems)
    {
        for (var k = 0; k < graph.Edges.Count; k++)
        {
            var edge = graph.Edges[k];
            var path = ProblemPath.Item(edgesPath, k);
            var source = graph.SourceOf[k];
            var target = graph.TargetOf[k];
            if (source < 0)
            {
                problems.Add(new Problem(ProblemPath.Child(path, "source"), $"'{edge.Source}' is not the id of a node"));
            }

            if (target < 0)
            {
                problems.Add(new Problem(ProblemPath.Child(path, "target"), $"'{edge.Target}' is not the id of a node"));
            }
            else if (graph.Nodes[target].Type == NodeTypes.EntryTrigger)
            {
                problems.Add(new Problem(ProblemPath.Child(path, "target"), $"'{edge.Target}' is the entry_trigger, which takes no incoming edge"));
            }

            if (source < 0)
            {
                continue;
            }

            var sourceType = graph.Nodes[source].Type;
            var handlePath = ProblemPath.Child(path, "sourceHandle");
            if (sourceType == NodeTypes.ConditionSplit && edge.SourceHandle is not ("true" or "false"))
            {
                problems.Add(new Problem(handlePath, $"must be \"true\" or \"false\" on an edge out of condition_split '{edge.Source}'"));
            }
            else if (sourceType is not (NodeTypes.ConditionSplit or NodeTypes.Exit) && !string.IsNullOrEmpty(edge.SourceHandle))
            {
                problems.Add(new Problem(handlePath, $"must be absent on an edge out of {sourceType} '{edge.Source}'; only condition_split edges carry one"));
            }
        }
    }

    private static void CheckNodes(IndexedGraph graph, string nodesPath, List<Problem> problems)
    {
        for (var i = 0; i < graph.Nodes.Count; i++)
        {
            var node = graph.Nodes[i];
            var path = ProblemPath.Item(nodesPath, i);
            if (graph.IsCanonical(i))
            {
                CheckOutgoing(node, graph.Outgoing[i].Select(k => graph.Edges[k]).ToList(), path, problems);
            }

            NodeConfigRules.Check(node, ProblemPath.Child(path, "config"), problems);
        }
    }

    private static void CheckOutgoing(Node node, List<Edge> outgoing, string path, List<Problem> problems)
    {
        switch (node.Type)
        {
            case NodeTypes.ConditionSplit:
                foreach (var handle in (string[])["true", "false"])
                {
                    var count = outgoing.Count(edge => edge.SourceHandle == handle);
                    if (count != 1)
                    {
                        problems.Add(new Problem(path, $"must have exactly one edge with sourceHandle \"{handle}\", but has {count} (node '{node.Id}')"));
                    }
                }

                break;
            case NodeTypes.Exit:
                if (outgoing.Count > 0)
                {
                    problems.Add(new Problem(path, $"is an exit, which takes no outgoing edge, but has {outgoing.Count} (node '{node.Id}')"));
                }

                break;
            default:
                if (outgoing.Count != 1)
                {
                    problems.Add(new Problem(path, $"must have exactly one outgoing edge, but has {outgoing.Count} (node '{node.Id}')"));
                }

                break;
        }
    }

    private static void CheckReachability(IndexedGraph graph, string nodesPath, List<Problem> problems)
    {
        // With no entry every node would be unreachable; the missing entry is the one problem.
        if (graph.Entries.Count == 0)
        {
            return;
        }

        var reached = new bool[graph.Nodes.Count];
        var pending = new Stack<int>(graph.Entries);
        foreach (var entry in graph.Entries)
        {
            reached[entry] = true;
        }

        while (pending.TryPop(out var current))
        {
            foreach (var next in graph.Successors(current))
            {
                if (!reached[next])
                {
                    reached[next] = true;
                    pending.Push(next);
                }
            }
        }

        for (var i = 0; i < graph.Nodes.Count; i++)
        {
            if (!reached[i] && graph.IsCanonical(i))
            {
                problems.Add(new Problem(ProblemPath.Item(nodesPath, i), $"is not reachable from the entry_trigger (node '{graph.Nodes[i].Id}')"));
            }
        }
    }
}
