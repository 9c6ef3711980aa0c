using System.Globalization;

namespace Waymark.Domain.Decisioning;

// The numeric and schedule rules of an offer, for the host to report as 400 details. Pass only
// what the request set; a null is not checked. The qualification is checked by
// ConditionParser.Parse with the path "qualification".
public static class OfferRules
{
    private const string PropensityField = "propensity";
    private const string BusinessValueField = "businessValue";
    private const string PriorityField = "priority";
    private const string EndAtField = "endAt";

    private const int MaxPriority = 100;

    public static IReadOnlyList<Problem> Validate(double? propensity, double? businessValue, int? priority, DateTime? startAt, DateTime? endAt)
    {
        var problems = new List<Problem>();
        if (propensity is { } p && !(double.IsFinite(p) && p is >= 0 and <= 1))
        {
            problems.Add(new Problem(PropensityField, "must be a number from 0 to 1"));
        }

        if (businessValue is { } value && !(double.IsFinite(value) && value >= 0))
        {
            problems.Add(new Problem(BusinessValueField, "must be a number >= 0"));
        }

        if (priority is < 0 or > MaxPriority)
        {
            problems.Add(new Problem(PriorityField, string.Create(CultureInfo.InvariantCulture, $"must be an integer from 0 to {MaxPriority}")));
        }

        if (startAt is { } start && endAt is { } end && end <= start)
        {
            problems.Add(new Problem(EndAtField, "must be after startAt"));
        }

        return problems;
    }
}
