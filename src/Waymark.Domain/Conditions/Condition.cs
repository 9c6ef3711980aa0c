using System.Text.Json;

namespace Waymark.Domain.Conditions;

// A closed hierarchy: only this assembly defines kinds of condition.
public abstract record Condition
{
    private protected Condition()
    {
    }

    // Every field path the condition reads, distinct, in first-use order.
    public IReadOnlyList<string> Fields
    {
        get
        {
            var fields = new List<string>();
            CollectFields(fields);
            return fields.Distinct(StringComparer.Ordinal).ToList();
        }
    }

    public abstract bool Evaluate(IFieldSource source);

    // The values the condition saw, so an evaluation can be recorded and explained later;
    // a missing field maps to null.
    public IReadOnlyDictionary<string, JsonElement?> ReadInputs(IFieldSource source)
    {
        var inputs = new Dictionary<string, JsonElement?>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            inputs[field] = source.TryGet(field, out var value) ? value : null;
        }

        return inputs;
    }

    internal abstract void CollectFields(List<string> fields);
}

// Empty: true.
public sealed record AllCondition(IReadOnlyList<Condition> Conditions) : Condition
{
    public override bool Evaluate(IFieldSource source) => Conditions.All(c => c.Evaluate(source));

    internal override void CollectFields(List<string> fields)
    {
        foreach (var condition in Conditions)
        {
            condition.CollectFields(fields);
        }
    }
}

// Empty: false.
public sealed record AnyCondition(IReadOnlyList<Condition> Conditions) : Condition
{
    public override bool Evaluate(IFieldSource source) => Conditions.Any(c => c.Evaluate(source));

    internal override void CollectFields(List<string> fields)
    {
        foreach (var condition in Conditions)
        {
            condition.CollectFields(fields);
        }
    }
}

public sealed record NotCondition(Condition Inner) : Condition
{
    public override bool Evaluate(IFieldSource source) => !Inner.Evaluate(source);

    internal override void CollectFields(List<string> fields) => Inner.CollectFields(fields);
}
