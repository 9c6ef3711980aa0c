using System.Text.Json;
using Waymark.Domain.Conditions;

namespace Waymark.Domain.EntryConditions;

// journey.entryCondition: {"event"?: string, "condition"?: condition, ...}. Other keys are the
// client's and are stored verbatim, so they are neither checked nor read.
public static class EntryConditionParser
{
    public const string EventKey = "event";
    public const string ConditionKey = "condition";

    public static IReadOnlyList<Problem> Validate(JsonElement json, string fieldPrefix = "entryCondition")
    {
        var problems = new List<Problem>();
        if (json.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new Problem(fieldPrefix, "must be an object"));
            return problems;
        }

        OptionalProperty.RequireNonEmptyStringIfPresent(json, EventKey, fieldPrefix, problems);
        if (OptionalProperty.TryGet(json, ConditionKey, out var condition))
        {
            problems.AddRange(ConditionParser.Parse(condition, ProblemPath.Child(fieldPrefix, ConditionKey)).Problems);
        }

        return problems;
    }

    // Lenient: parts that do not validate read as absent.
    public static EntryCondition Read(JsonElement json) =>
        new(
            OptionalProperty.NonEmptyString(json, EventKey),
            OptionalProperty.TryGet(json, ConditionKey, out var condition)
                ? ConditionParser.Parse(condition, ConditionKey).Condition
                : null);
}
