namespace Waymark.Domain.Definitions;

internal static class CycleFinder
{
    // Each edge that closes a cycle, with the cycle's nodes starting at the edge's target.
    // Iterative depth-first search: a long chain of nodes must not exhaust the call stack.
    public static List<(int Edge, List<int> Cycle)> BackEdges(IndexedGraph graph)
    {
        const byte Unvisited = 0, OnPath = 1, Done = 2;
        var state = new byte[graph.Nodes.Count];
        var nextEdge = new int[graph.Nodes.Count];
        var path = new List<int>();
        var found = new List<(int, List<int>)>();

        for (var root = 0; root < graph.Nodes.Count; root++)
        {
            if (state[root] != Unvisited)
            {
                continue;
            }

            state[root] = OnPath;
            path.Add(root);
            while (path.Count > 0)
            {
                var current = path[^1];
                var outgoing = graph.Outgoing[current];
                if (nextEdge[current] == outgoing.Count)
                {
                    state[current] = Done;
                    path.RemoveAt(path.Count - 1);
                    continue;
                }

                var edge = outgoing[nextEdge[current]++];
                var target = graph.TargetOf[edge];
                if (target < 0)
                {
                    continue;
                }

                if (state[target] == OnPath)
                {
                    found.Add((edge, path.GetRange(path.IndexOf(target), path.Count - path.IndexOf(target))));
                }
                else if (state[target] == Unvisited)
                {
                    state[target] = OnPath;
                    path.Add(target);
                }
            }
        }

        return found;
    }
}
