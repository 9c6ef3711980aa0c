using System.Text.Json;

namespace Waymark.Domain.Conditions;

public static class ConditionParser
{
    public const string FieldKey = "field";
    public const string OperatorKey = "operator";
    public const string ValueKey = "value";
    public const string AllKey = "all";
    public const string AnyKey = "any";
    public const string NotKey = "not";

    // Deeper nesting is a mistake or an attack, and evaluation recurses.
    private const int MaxDepth = 32;

    private static readonly string[] ShapeKeys = [FieldKey, AllKey, AnyKey, NotKey];

    public static ConditionParseResult Parse(JsonElement json, string fieldPrefix)
    {
        var problems = new List<Problem>();
        // A clone outlives the document the caller may dispose.
        var condition = ParseNode(json.Clone(), fieldPrefix, depth: 0, problems);
        return new ConditionParseResult(problems.Count == 0 ? condition : null, problems);
    }

    // True when the object carries any key that makes it a condition; used to tell an
    // unconfigured node from a broken condition.
    internal static bool LooksLikeCondition(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object && ShapeKeys.Any(key => json.TryGetProperty(key, out _));

    private static Condition? ParseNode(JsonElement json, string path, int depth, List<Problem> problems)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new Problem(path, "must be an object"));
            return null;
        }

        if (depth > MaxDepth)
        {
            problems.Add(new Problem(path, $"nests conditions deeper than {MaxDepth} levels"));
            return null;
        }

        var shapes = ShapeKeys.Where(key => json.TryGetProperty(key, out _)).ToList();
        if (shapes.Count == 0)
        {
            problems.Add(new Problem(path, "must have one of field, all, any or not"));
            return null;
        }

        if (shapes.Count > 1)
        {
            problems.Add(new Problem(path, $"must have only one of field, all, any or not, but has {string.Join(", ", shapes)}"));
            return null;
        }

        return shapes[0] switch
        {
            AllKey => ParseGroup(json, AllKey, path, depth, problems) is { } all ? new AllCondition(all) : null,
            AnyKey => ParseGroup(json, AnyKey, path, depth, problems) is { } any ? new AnyCondition(any) : null,
            NotKey => ParseNode(json.GetProperty(NotKey), ProblemPath.Child(path, NotKey), depth + 1, problems) is { } inner
                ? new NotCondition(inner)
                : null,
            _ => ParseComparison(json, path, problems),
        };
    }

    private static List<Condition>? ParseGroup(JsonElement json, string key, string path, int depth, List<Problem> problems)
    {
        var groupPath = ProblemPath.Child(path, key);
        var items = json.GetProperty(key);
        if (items.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new Problem(groupPath, "must be an array of conditions"));
            return null;
        }

        var conditions = new List<Condition>();
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (ParseNode(item, ProblemPath.Item(groupPath, index), depth + 1, problems) is { } condition)
            {
                conditions.Add(condition);
            }

            index++;
        }

        return conditions;
    }

    private static ComparisonCondition? ParseComparison(JsonElement json, string path, List<Problem> problems)
    {
        var before = problems.Count;

        var field = json.GetProperty(FieldKey);
        if (field.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(field.GetString()))
        {
            problems.Add(new Problem(ProblemPath.Child(path, FieldKey), "must be a non-empty string"));
        }

        var (name, canonical) = ParseOperator(json, path, problems);

        JsonElement? value = null;
        if (json.TryGetProperty(ValueKey, out var given))
        {
            value = given;
        }

        if (canonical is not null && Operators.NeedsValue(canonical))
        {
            var valuePath = ProblemPath.Child(path, ValueKey);
            if (value is null)
            {
                problems.Add(new Problem(valuePath, $"is required for operator '{name}'"));
            }
            else if (value.Value.ValueKind == JsonValueKind.Null)
            {
                // A null field counts as missing, so comparing with null could never succeed.
                problems.Add(new Problem(valuePath, "must not be null; use exists or not_exists to test for a missing field"));
            }
            else if (Operators.NeedsArray(canonical) && value.Value.ValueKind != JsonValueKind.Array)
            {
                problems.Add(new Problem(valuePath, $"must be an array for operator '{name}'"));
            }
        }

        if (problems.Count > before || canonical is null)
        {
            return null;
        }

        return new ComparisonCondition(field.GetString()!, canonical, Operators.NeedsValue(canonical) ? value : null);
    }

    private static (string? Name, string? Canonical) ParseOperator(JsonElement json, string path, List<Problem> problems)
    {
        var operatorPath = ProblemPath.Child(path, OperatorKey);
        if (!json.TryGetProperty(OperatorKey, out var op) || op.ValueKind == JsonValueKind.Null)
        {
            problems.Add(new Problem(operatorPath, $"is required; use one of {Operators.Describe()}"));
            return (null, null);
        }

        if (op.ValueKind != JsonValueKind.String)
        {
            problems.Add(new Problem(operatorPath, $"must be a string; use one of {Operators.Describe()}"));
            return (null, null);
        }

        var name = op.GetString()!;
        if (Operators.Canonical(name) is { } canonical)
        {
            return (name, canonical);
        }

        problems.Add(new Problem(operatorPath, $"'{name}' is not a known operator; use one of {Operators.Describe()}"));
        return (name, null);
    }
}
