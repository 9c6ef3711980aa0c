using System.Text.Json;

namespace Waymark.Domain.Conditions;

// Operator is always a canonical name (see Operators); Value is null for exists/not_exists.
public sealed record ComparisonCondition(string Field, string Operator, JsonElement? Value) : Condition
{
    public override bool Evaluate(IFieldSource source)
    {
        // A missing field fails every test but not_exists, negated ones included: "tier neq gold"
        // should not select customers who have no tier at all.
        if (!source.TryGet(Field, out var actual) || actual.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return Operator == Operators.NotExists;
        }

        var expected = Value.GetValueOrDefault();
        return Operator switch
        {
            Operators.Exists => true,
            Operators.NotExists => false,
            Operators.Eq => JsonValueComparer.AreEqual(actual, expected),
            Operators.Neq => !JsonValueComparer.AreEqual(actual, expected),
            Operators.Gt => JsonValueComparer.Compare(actual, expected) > 0,
            Operators.Gte => JsonValueComparer.Compare(actual, expected) >= 0,
            Operators.Lt => JsonValueComparer.Compare(actual, expected) < 0,
            Operators.Lte => JsonValueComparer.Compare(actual, expected) <= 0,
            Operators.In => IsIn(actual, expected),
            Operators.NotIn => !IsIn(actual, expected),
            Operators.Contains => JsonValueComparer.Contains(actual, expected),
            Operators.NotContains => !JsonValueComparer.Contains(actual, expected),
            Operators.StartsWith => JsonValueComparer.StartsWith(actual, expected),
            Operators.EndsWith => JsonValueComparer.EndsWith(actual, expected),
            _ => false,
        };
    }

    internal override void CollectFields(List<string> fields) => fields.Add(Field);

    private static bool IsIn(JsonElement actual, JsonElement candidates) =>
        candidates.ValueKind == JsonValueKind.Array
        && candidates.EnumerateArray().Any(candidate => JsonValueComparer.AreEqual(actual, candidate));
}
