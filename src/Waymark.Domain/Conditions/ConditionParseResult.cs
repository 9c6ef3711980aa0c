namespace Waymark.Domain.Conditions;

// Condition is set exactly when Problems is empty.
public sealed record ConditionParseResult(Condition? Condition, IReadOnlyList<Problem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
