using System.Globalization;
using System.Text.Json;
using Waymark.Domain.Conditions;

namespace Waymark.Domain.Decisioning;

// Reads a decision flow's settings:
// {"candidates": {"offerIds": [..], "categories": [..]}, "filters": [condition, ...],
//  "contactPolicy": {"hours": 24}, "weights": {"propensity": .4, ...}, "limit": 1}
// Every key is optional and JSON null counts as absent; what is missing takes FlowSettings.Default's
// value. Unknown top-level keys are ignored, as elsewhere in Waymark's JSON.
public static class FlowSettingsParser
{
    private const string CandidatesKey = "candidates";
    private const string OfferIdsKey = "offerIds";
    private const string CategoriesKey = "categories";
    private const string FiltersKey = "filters";
    private const string ContactPolicyKey = "contactPolicy";
    private const string HoursKey = "hours";
    private const string WeightsKey = "weights";
    private const string LimitKey = "limit";

    public const int MaxLimit = 50;

    // A year: longer is not a contact policy but a ban.
    public const int MaxContactPolicyHours = 8760;

    private const double WeightSumTolerance = 1e-6;

    private static readonly string[] WeightKeys = ["propensity", "relevance", "impact", "emphasis"];

    // Settings is set exactly when Problems is empty.
    public static (FlowSettings? Settings, IReadOnlyList<Problem> Problems) Parse(JsonElement json, string fieldPrefix)
    {
        var problems = new List<Problem>();
        if (json.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return (FlowSettings.Default, problems);
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new Problem(fieldPrefix, "must be an object"));
            return (null, problems);
        }

        var defaults = FlowSettings.Default;

        IReadOnlyList<string> offerIds = defaults.OfferIds;
        IReadOnlyList<string> categories = defaults.Categories;
        if (OptionalProperty.TryGet(json, CandidatesKey, out var candidates))
        {
            var candidatesPath = ProblemPath.Child(fieldPrefix, CandidatesKey);
            if (candidates.ValueKind == JsonValueKind.Object)
            {
                offerIds = StringList(candidates, OfferIdsKey, candidatesPath, problems);
                categories = StringList(candidates, CategoriesKey, candidatesPath, problems);
            }
            else
            {
                problems.Add(new Problem(candidatesPath, "must be an object with offerIds, categories or both"));
            }
        }

        var filters = Filters(json, fieldPrefix, problems);

        int? contactPolicyHours = defaults.ContactPolicyHours;
        if (OptionalProperty.TryGet(json, ContactPolicyKey, out var contactPolicy))
        {
            var policyPath = ProblemPath.Child(fieldPrefix, ContactPolicyKey);
            if (contactPolicy.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new Problem(policyPath, "must be an object with hours"));
            }
            else if (!OptionalProperty.TryGet(contactPolicy, HoursKey, out var hours))
            {
                // A policy without a window would silently do nothing.
                problems.Add(new Problem(ProblemPath.Child(policyPath, HoursKey), $"is required: an integer from 1 to {MaxContactPolicyHours}"));
            }
            else
            {
                contactPolicyHours = Integer(hours, 1, MaxContactPolicyHours, ProblemPath.Child(policyPath, HoursKey), problems);
            }
        }

        var weights = Weights(json, fieldPrefix, problems) ?? defaults.Weights;

        var limit = defaults.Limit;
        if (OptionalProperty.TryGet(json, LimitKey, out var limitJson))
        {
            limit = Integer(limitJson, 1, MaxLimit, ProblemPath.Child(fieldPrefix, LimitKey), problems) ?? limit;
        }

        return problems.Count == 0
            ? (new FlowSettings(offerIds, categories, filters, contactPolicyHours, weights, limit), problems)
            : (null, problems);
    }

    private static List<string> StringList(JsonElement obj, string key, string prefix, List<Problem> problems)
    {
        var list = new List<string>();
        if (!OptionalProperty.TryGet(obj, key, out var items))
        {
            return list;
        }

        var path = ProblemPath.Child(prefix, key);
        if (items.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new Problem(path, "must be an array of non-empty strings"));
            return list;
        }

        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString()))
            {
                list.Add(item.GetString()!);
            }
            else
            {
                problems.Add(new Problem(ProblemPath.Item(path, index), "must be a non-empty string"));
            }

            index++;
        }

        return list;
    }

    private static List<Condition> Filters(JsonElement json, string prefix, List<Problem> problems)
    {
        var filters = new List<Condition>();
        if (!OptionalProperty.TryGet(json, FiltersKey, out var items))
        {
            return filters;
        }

        var path = ProblemPath.Child(prefix, FiltersKey);
        if (items.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new Problem(path, "must be an array of conditions"));
            return filters;
        }

        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var result = ConditionParser.Parse(item, ProblemPath.Item(path, index));
            problems.AddRange(result.Problems);
            if (result.Condition is { } condition)
            {
                filters.Add(condition);
            }

            index++;
        }

        return filters;
    }

    // Null when weights is absent or has a problem.
    private static PrieWeights? Weights(JsonElement json, string prefix, List<Problem> problems)
    {
        if (!OptionalProperty.TryGet(json, WeightsKey, out var weights))
        {
            return null;
        }

        var path = ProblemPath.Child(prefix, WeightsKey);
        if (weights.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new Problem(path, "must be an object of propensity, relevance, impact and emphasis"));
            return null;
        }

        var before = problems.Count;
        foreach (var property in weights.EnumerateObject())
        {
            // A misspelt weight would otherwise count as 0 without a word.
            if (!WeightKeys.Contains(property.Name, StringComparer.Ordinal))
            {
                problems.Add(new Problem(
                    ProblemPath.Child(path, property.Name),
                    "is not a weight; use propensity, relevance, impact or emphasis"));
            }
        }

        var values = WeightKeys.Select(key => Weight(weights, key, path, problems)).ToArray();
        if (problems.Count > before)
        {
            return null;
        }

        var sum = values.Sum();
        if (Math.Abs(sum - 1) > WeightSumTolerance)
        {
            problems.Add(new Problem(path, string.Create(CultureInfo.InvariantCulture, $"must sum to 1, but sum to {sum:0.######}")));
            return null;
        }

        return new PrieWeights(values[0], values[1], values[2], values[3]);
    }

    private static double Weight(JsonElement weights, string key, string path, List<Problem> problems)
    {
        if (!OptionalProperty.TryGet(weights, key, out var value))
        {
            return 0;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var weight) && double.IsFinite(weight) && weight >= 0)
        {
            return weight;
        }

        problems.Add(new Problem(ProblemPath.Child(path, key), "must be a number >= 0"));
        return 0;
    }

    private static int? Integer(JsonElement value, int min, int max, string path, List<Problem> problems)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max)
        {
            return number;
        }

        problems.Add(new Problem(path, string.Create(CultureInfo.InvariantCulture, $"must be an integer from {min} to {max}")));
        return null;
    }
}
