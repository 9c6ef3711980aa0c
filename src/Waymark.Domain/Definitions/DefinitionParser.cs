using System.Text.Json;
using Waymark.Domain.Conditions;

namespace Waymark.Domain.Definitions;

// The shape every saved definition must have, drafts included. Whether the graph can run is
// GraphValidator's question, asked at activation.
public static class DefinitionParser
{
    public const int MaxNodeIdLength = 64;

    private const string NodesKey = "nodes";
    private const string EdgesKey = "edges";
    private const string IdKey = "id";
    private const string TypeKey = "type";
    private const string ConfigKey = "config";
    private const string SourceKey = "source";
    private const string TargetKey = "target";
    private const string SourceHandleKey = "sourceHandle";

    private static readonly JsonElement EmptyConfig = JsonElement.Parse("{}");

    public static DefinitionParseResult Parse(JsonElement json, string fieldPrefix = "definition")
    {
        var problems = new List<Problem>();
        if (json.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new Problem(fieldPrefix, "must be an object"));
            return new DefinitionParseResult(null, problems);
        }

        // A clone outlives the document the caller may dispose; node configs point into it.
        json = json.Clone();
        var nodes = ParseNodes(json, ProblemPath.Child(fieldPrefix, NodesKey), problems);
        var edges = ParseEdges(json, ProblemPath.Child(fieldPrefix, EdgesKey), problems);
        var definition = problems.Count == 0 ? new JourneyDefinition(nodes, edges) : null;
        return new DefinitionParseResult(definition, problems);
    }

    private static List<Node> ParseNodes(JsonElement json, string path, List<Problem> problems)
    {
        var nodes = new List<Node>();
        if (!TryGetArray(json, NodesKey, path, problems, out var items))
        {
            return nodes;
        }

        var firstIndexById = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (ParseNode(item, ProblemPath.Item(path, index), problems) is { } node)
            {
                if (firstIndexById.TryGetValue(node.Id, out var first))
                {
                    problems.Add(new Problem(
                        ProblemPath.Child(ProblemPath.Item(path, index), IdKey),
                        $"'{node.Id}' is already the id of {ProblemPath.Item(NodesKey, first)}"));
                }
                else
                {
                    firstIndexById.Add(node.Id, index);
                }

                nodes.Add(node);
            }

            index++;
        }

        return nodes;
    }

    private static Node? ParseNode(JsonElement item, string path, List<Problem> problems)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new Problem(path, "must be an object"));
            return null;
        }

        var before = problems.Count;
        var id = RequiredString(item, IdKey, path, problems);
        if (id is { Length: > MaxNodeIdLength })
        {
            problems.Add(new Problem(ProblemPath.Child(path, IdKey), $"must be 1-{MaxNodeIdLength} characters"));
        }

        var type = RequiredString(item, TypeKey, path, problems);
        if (type is not null && !NodeTypes.IsKnown(type))
        {
            problems.Add(new Problem(ProblemPath.Child(path, TypeKey), $"must be one of {string.Join(", ", NodeTypes.All)}"));
        }

        var configPath = ProblemPath.Child(path, ConfigKey);
        var config = EmptyConfig;
        if (OptionalProperty.TryGet(item, ConfigKey, out var given))
        {
            if (given.ValueKind == JsonValueKind.Object)
            {
                config = given;
                CheckConditions(type, config, configPath, problems);
            }
            else
            {
                problems.Add(new Problem(configPath, "must be an object"));
            }
        }

        return problems.Count == before ? new Node(id!, type!, config) : null;
    }

    // Conditions are checked on save because an unknown operator must be refused then. A split
    // with no condition yet is an unfinished draft, not a malformed one.
    private static void CheckConditions(string? type, JsonElement config, string configPath, List<Problem> problems)
    {
        if (type == NodeTypes.ConditionSplit
            && NodeConfig.TryGetSplitCondition(config, out var split, out var relativePath))
        {
            var path = relativePath.Length == 0 ? configPath : ProblemPath.Child(configPath, relativePath);
            problems.AddRange(ConditionParser.Parse(split, path).Problems);
        }
        else if (type == NodeTypes.EntryTrigger
            && OptionalProperty.TryGet(config, NodeConfig.ConditionKey, out var entry))
        {
            problems.AddRange(ConditionParser.Parse(entry, ProblemPath.Child(configPath, NodeConfig.ConditionKey)).Problems);
        }
    }

    private static List<Edge> ParseEdges(JsonElement json, string path, List<Problem> problems)
    {
        var edges = new List<Edge>();
        if (!TryGetArray(json, EdgesKey, path, problems, out var items))
        {
            return edges;
        }

        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (ParseEdge(item, ProblemPath.Item(path, index), problems) is { } edge)
            {
                edges.Add(edge);
            }

            index++;
        }

        return edges;
    }

    private static Edge? ParseEdge(JsonElement item, string path, List<Problem> problems)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new Problem(path, "must be an object"));
            return null;
        }

        var before = problems.Count;
        var id = OptionalString(item, IdKey, path, problems);
        var source = RequiredString(item, SourceKey, path, problems);
        var target = RequiredString(item, TargetKey, path, problems);
        var sourceHandle = OptionalString(item, SourceHandleKey, path, problems);
        return problems.Count == before ? new Edge(id, source!, target!, sourceHandle) : null;
    }

    private static bool TryGetArray(JsonElement json, string key, string path, List<Problem> problems, out JsonElement items)
    {
        if (!OptionalProperty.TryGet(json, key, out items))
        {
            return false;
        }

        if (items.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new Problem(path, "must be an array"));
            return false;
        }

        return true;
    }

    private static string? RequiredString(JsonElement item, string key, string path, List<Problem> problems)
    {
        if (!OptionalProperty.TryGet(item, key, out var value))
        {
            problems.Add(new Problem(ProblemPath.Child(path, key), "is required"));
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
        {
            problems.Add(new Problem(ProblemPath.Child(path, key), "must be a non-empty string"));
            return null;
        }

        return text;
    }

    private static string? OptionalString(JsonElement item, string key, string path, List<Problem> problems)
    {
        if (!OptionalProperty.TryGet(item, key, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add(new Problem(ProblemPath.Child(path, key), "must be a string"));
            return null;
        }

        return value.GetString();
    }
}
