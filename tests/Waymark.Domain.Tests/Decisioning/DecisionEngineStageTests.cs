using Waymark.Domain.Decisioning;
using static Waymark.Domain.Tests.Decisioning.DecisionTestData;

namespace Waymark.Domain.Tests.Decisioning;

public class DecisionEngineStageTests
{
    // Which offers survived, whatever their rank.
    private static IEnumerable<string> SelectedIds(DecisionResult result) => RankedIds(result).Order(StringComparer.Ordinal);

    [Fact]
    public void With_no_offer_ids_or_categories_every_offer_is_a_candidate()
    {
        var result = Decide(Request(), Offer("a", category: "cards"), Offer("b"));

        Assert.Equal(["a", "b"], SelectedIds(result));
        Assert.Equal(0, Removed(result, DecisionStages.Candidates));
    }

    [Fact]
    public void Candidates_can_be_chosen_by_offer_id()
    {
        var flow = Flow("""{"candidates": {"offerIds": ["a", "c"]}, "limit": 50}""");

        var result = Decide(flow, Request(), Offer("a"), Offer("b"), Offer("c"));

        Assert.Equal(["a", "c"], RankedIds(result));
        Assert.Equal(1, Removed(result, DecisionStages.Candidates));
    }

    [Fact]
    public void Candidates_can_be_chosen_by_category()
    {
        var flow = Flow("""{"candidates": {"categories": ["cards"]}, "limit": 50}""");

        var result = Decide(flow, Request(), Offer("a", category: "cards"), Offer("b", category: "loans"), Offer("c"));

        Assert.Equal(["a"], RankedIds(result));
        Assert.Equal(2, Removed(result, DecisionStages.Candidates));
    }

    [Fact]
    public void Offer_ids_and_categories_together_select_either()
    {
        var flow = Flow("""{"candidates": {"offerIds": ["c"], "categories": ["cards"]}, "limit": 50}""");

        var result = Decide(flow, Request(), Offer("a", category: "cards"), Offer("b", category: "loans"), Offer("c"));

        Assert.Equal(["a", "c"], SelectedIds(result));
    }

    [Theory]
    [InlineData(OfferStatus.Draft)]
    [InlineData(OfferStatus.Paused)]
    [InlineData(OfferStatus.Archived)]
    public void Only_active_offers_are_recommended(string status)
    {
        var result = Decide(Request(), Offer("a", status: status), Offer("b"));

        Assert.Equal(["b"], RankedIds(result));
        Assert.Equal(1, Removed(result, DecisionStages.Status));
    }

    [Theory]
    [InlineData(1, null, false)]
    [InlineData(0, null, true)]
    [InlineData(null, 1, true)]
    [InlineData(null, 0, false)]
    [InlineData(-24, 24, true)]
    [InlineData(-48, -24, false)]
    [InlineData(null, null, true)]
    public void An_offer_runs_from_its_start_inclusive_to_its_end_exclusive(int? startHours, int? endHours, bool running)
    {
        var offer = Offer(
            "a",
            startAt: startHours is { } start ? Now.AddHours(start) : null,
            endAt: endHours is { } end ? Now.AddHours(end) : null);

        var result = Decide(Request(), offer);

        Assert.Equal(running, result.Ranked.Count == 1);
        Assert.Equal(running ? 0 : 1, Removed(result, DecisionStages.Schedule));
    }

    [Fact]
    public void An_offer_is_removed_when_the_requested_channel_is_not_among_its_channels()
    {
        var result = Decide(
            Request(channel: "sms"),
            Offer("email-only", channels: ["email"]),
            Offer("any-channel"),
            Offer("sms-or-email", channels: ["email", "sms"]));

        Assert.Equal(["any-channel", "sms-or-email"], RankedIds(result));
        Assert.Equal(1, Removed(result, DecisionStages.Channel));
    }

    [Fact]
    public void Without_a_requested_channel_every_channel_passes()
    {
        var result = Decide(Request(), Offer("email-only", channels: ["email"]));

        Assert.Single(result.Ranked);
    }

    [Fact]
    public void An_offer_is_removed_when_the_customer_does_not_qualify()
    {
        const string goldOnly = """{"field": "tier", "operator": "eq", "value": "gold"}""";
        var offers = new[] { Offer("gold", qualification: goldOnly), Offer("everyone") };

        var silver = Decide(Request(customer: """{"tier": "silver"}"""), offers);
        var gold = Decide(Request(customer: """{"tier": "gold"}"""), offers);

        Assert.Equal(["everyone"], RankedIds(silver));
        Assert.Equal(1, Removed(silver, DecisionStages.Qualification));
        Assert.Equal(["everyone", "gold"], RankedIds(gold));
    }

    [Fact]
    public void Flow_filters_read_the_customer()
    {
        var flow = Flow("""{"filters": [{"field": "consent", "operator": "eq", "value": true}], "limit": 50}""");

        Assert.Single(Decide(flow, Request(customer: """{"consent": true}"""), Offer("a")).Ranked);
        Assert.Empty(Decide(flow, Request(customer: """{"consent": false}"""), Offer("a")).Ranked);
    }

    [Fact]
    public void Flow_filters_read_the_event_through_event_paths()
    {
        var flow = Flow("""{"filters": [{"field": "event.amount", "operator": "gt", "value": 100}], "limit": 50}""");
        var offers = new[] { Offer("a"), Offer("b") };

        var large = Decide(flow, Request(eventProperties: """{"amount": 150}"""), offers);
        var small = Decide(flow, Request(eventProperties: """{"amount": 50}"""), offers);

        Assert.Equal(["a", "b"], RankedIds(large));
        Assert.Empty(small.Ranked);
        Assert.Equal(2, Removed(small, DecisionStages.Filters));
    }

    [Fact]
    public void Every_flow_filter_must_pass()
    {
        var flow = Flow("""
            {"filters": [{"field": "age", "operator": "gte", "value": 18}, {"field": "country", "operator": "eq", "value": "DE"}]}
            """);

        Assert.Single(Decide(flow, Request(customer: """{"age": 30, "country": "DE"}"""), Offer("a")).Ranked);
        Assert.Empty(Decide(flow, Request(customer: """{"age": 30, "country": "AT"}"""), Offer("a")).Ranked);
    }

    [Fact]
    public void Offers_made_recently_are_not_made_again()
    {
        var flow = Flow("""{"contactPolicy": {"hours": 24}, "limit": 50}""");

        var result = Decide(flow, Request(recentlyOffered: ["a"]), Offer("a"), Offer("b"));

        Assert.Equal(["b"], RankedIds(result));
        Assert.Equal(1, Removed(result, DecisionStages.ContactPolicy));
    }

    [Fact]
    public void The_flows_limit_keeps_the_best_offers()
    {
        var flow = Flow("""{"limit": 2}""");

        var result = Decide(flow, Request(), Offer("low", priority: 10), Offer("high", priority: 90), Offer("mid", priority: 50));

        Assert.Equal(["high", "mid"], RankedIds(result));
        Assert.Equal([1, 2], result.Ranked.Select(r => r.Rank));
        Assert.Equal(1, Removed(result, DecisionStages.Limit));
    }

    [Fact]
    public void The_requests_limit_replaces_the_flows()
    {
        var result = DecisionEngine.Decide(FlowSettings.Default, [Offer("a"), Offer("b"), Offer("c")], Request(limit: 2));

        Assert.Equal(2, result.Ranked.Count);
    }

    [Fact]
    public void The_default_flow_recommends_one_offer() =>
        Assert.Single(DecisionEngine.Decide(FlowSettings.Default, [Offer("a"), Offer("b")], Request()).Ranked);

    [Fact]
    public void Equal_scores_are_ordered_by_priority_then_business_value_then_id()
    {
        // Only propensity is weighted, so every offer scores 0.5 and the tie-breakers decide.
        var flow = Flow("""{"weights": {"propensity": 1}, "limit": 50}""");

        var result = Decide(
            flow,
            Request(),
            Offer("a", propensity: 0.5, priority: 10, businessValue: 10),
            Offer("b", propensity: 0.5, priority: 20, businessValue: 10),
            Offer("c", propensity: 0.5, priority: 10, businessValue: 20),
            Offer("d", propensity: 0.6, priority: 1, businessValue: 1),
            Offer("B", propensity: 0.5, priority: 10, businessValue: 10));

        // Ordinal: "B" (0x42) sorts before "a" (0x61).
        Assert.Equal(["d", "b", "c", "B", "a"], RankedIds(result));
        Assert.Equal([1, 2, 3, 4, 5], result.Ranked.Select(r => r.Rank));
    }

    [Fact]
    public void Each_stage_reports_how_many_offers_it_removed_and_why()
    {
        var flow = Flow("""{"candidates": {"categories": ["cards"]}, "contactPolicy": {"hours": 24}, "limit": 1}""");
        var offers = new[]
        {
            Offer("other-category", category: "loans"),
            Offer("draft", category: "cards", status: OfferStatus.Draft),
            Offer("expired", category: "cards", endAt: Now.AddDays(-1)),
            Offer("push-only", category: "cards", channels: ["push"]),
            Offer("vip-only", category: "cards", qualification: """{"field": "vip", "operator": "eq", "value": true}"""),
            Offer("recent", category: "cards"),
            Offer("no-propensity", category: "cards", propensity: 0),
            Offer("winner", category: "cards", priority: 90),
            Offer("runner-up", category: "cards", priority: 80),
        };

        var result = DecisionEngine.Decide(flow, offers, Request(channel: "email", recentlyOffered: ["recent"]));

        Assert.Equal(9, result.Considered);
        Assert.Equal(["winner"], RankedIds(result));
        Assert.Equal(DecisionStages.All, result.Stages.Select(s => s.Stage));
        Assert.Equal([1, 1, 1, 1, 1, 0, 1, 1, 1], result.Stages.Select(s => s.Removed));
        Assert.All(result.Stages, s => Assert.False(string.IsNullOrWhiteSpace(s.Reason)));
        Assert.Equal(
            new StageCount(DecisionStages.Candidates, 1, "not among the flow's offers or categories"),
            result.Stages[0]);
    }

    [Fact]
    public void No_offers_give_an_empty_decision_with_every_stage_reported()
    {
        var result = DecisionEngine.Decide(FlowSettings.Default, [], Request());

        Assert.Empty(result.Ranked);
        Assert.Equal(0, result.Considered);
        Assert.Equal(DecisionStages.All, result.Stages.Select(s => s.Stage));
        Assert.All(result.Stages, s => Assert.Equal(0, s.Removed));
    }

    [Fact]
    public void Removed_offers_and_the_survivors_add_up_to_the_offers_considered()
    {
        var result = Decide(Request(), Offer("a"), Offer("b", status: OfferStatus.Paused), Offer("c", priority: 0));

        Assert.Equal(result.Considered, result.Stages.Sum(s => s.Removed) + result.Ranked.Count);
    }
}
