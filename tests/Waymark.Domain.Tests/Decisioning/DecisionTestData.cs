using Waymark.Domain.Conditions;
using Waymark.Domain.Decisioning;

namespace Waymark.Domain.Tests.Decisioning;

// Builders whose defaults make every factor 1, so a test sets only what it is about.
internal static class DecisionTestData
{
    public static readonly DateTime Now = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    public static OfferCandidate Offer(
        string id,
        string status = OfferStatus.Active,
        string? category = null,
        string[]? channels = null,
        string? qualification = null,
        double propensity = 1,
        double businessValue = 100,
        int priority = 100,
        DateTime? startAt = null,
        DateTime? endAt = null) =>
        new(
            id,
            "Offer " + id,
            status,
            category,
            channels ?? [],
            qualification is null ? null : TestJson.Condition(qualification),
            propensity,
            businessValue,
            priority,
            startAt,
            endAt,
            TestJson.Parse("""{"title": "An offer"}"""));

    public static DecisionRequest Request(
        string customer = "{}",
        string? eventProperties = null,
        string? channel = null,
        DateTime? now = null,
        string[]? recentlyOffered = null,
        int? limit = null)
    {
        var attributes = TestJson.Parse(customer);
        var fields = new RuntimeFieldSource(attributes, eventProperties is null ? null : TestJson.Parse(eventProperties), null);
        return new DecisionRequest(
            fields,
            attributes,
            channel,
            now ?? Now,
            (recentlyOffered ?? []).ToHashSet(StringComparer.Ordinal),
            limit);
    }

    public static FlowSettings Flow(string json)
    {
        var (settings, problems) = FlowSettingsParser.Parse(TestJson.Parse(json), "settings");
        Assert.True(problems.Count == 0, string.Join("; ", problems));
        return settings!;
    }

    public static DecisionResult Decide(FlowSettings flow, DecisionRequest request, params OfferCandidate[] offers) =>
        DecisionEngine.Decide(flow, offers, request);

    public static DecisionResult Decide(DecisionRequest request, params OfferCandidate[] offers) =>
        DecisionEngine.Decide(FlowSettings.Default with { Limit = 50 }, offers, request);

    public static IReadOnlyList<string> RankedIds(DecisionResult result) => result.Ranked.Select(r => r.Offer.Id).ToList();

    public static int Removed(DecisionResult result, string stage) => result.Stages.Single(s => s.Stage == stage).Removed;
}
