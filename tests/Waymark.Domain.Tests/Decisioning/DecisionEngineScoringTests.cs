using Waymark.Domain.Decisioning;
using static Waymark.Domain.Tests.Decisioning.DecisionTestData;

namespace Waymark.Domain.Tests.Decisioning;

public class DecisionEngineScoringTests
{
    private const int Precision = 9;

    private static PrieFactors FactorsOf(DecisionResult result, string id) =>
        result.Ranked.Single(r => r.Offer.Id == id).Factors;

    [Fact]
    public void Scores_are_the_weighted_geometric_mean_of_the_four_factors()
    {
        var result = Decide(
            Request(customer: """{"interests": ["cards"]}"""),
            Offer("cards", category: "cards", propensity: 0.8, businessValue: 50, priority: 50),
            Offer("loans", category: "loans", propensity: 0.5, businessValue: 200, priority: 80));

        // cards: P 0.8, R 1 (an interest), I 50/200 = 0.25, E 0.5 → (0.8·1·0.25·0.5)^0.25 = 0.1^0.25 ≈ 0.562341325
        // loans: P 0.5, R 0.5 (not an interest), I 200/200 = 1, E 0.8 → (0.5·0.5·1·0.8)^0.25 = 0.2^0.25 ≈ 0.668740305
        Assert.Equal(["loans", "cards"], RankedIds(result));
        Assert.Equal(new PrieFactors(0.8, 1, 0.25, 0.5), FactorsOf(result, "cards"));
        Assert.Equal(new PrieFactors(0.5, 0.5, 1, 0.8), FactorsOf(result, "loans"));
        Assert.Equal(0.562341325, result.Ranked[1].Score, Precision);
        Assert.Equal(0.668740305, result.Ranked[0].Score, Precision);
        Assert.Equal([1, 2], result.Ranked.Select(r => r.Rank));
    }

    [Fact]
    public void Weights_are_the_exponents_of_their_factors()
    {
        var flow = Flow("""{"weights": {"propensity": 0.4, "relevance": 0.2, "impact": 0.2, "emphasis": 0.2}}""");

        var result = Decide(flow, Request(), Offer("a", propensity: 0.5, priority: 64));

        // 0.5^0.4 · 1^0.2 · 1^0.2 · 0.64^0.2 = 0.5^0.4 · 0.8^0.4 = 0.4^0.4 ≈ 0.693144843
        Assert.Equal(0.693144843, Assert.Single(result.Ranked).Score, Precision);
    }

    [Fact]
    public void A_factor_of_zero_with_weight_eliminates_the_offer()
    {
        var result = Decide(Request(), Offer("unwanted", priority: 0), Offer("wanted", priority: 10));

        Assert.Equal(["wanted"], RankedIds(result));
        Assert.Equal(1, Removed(result, DecisionStages.Score));
    }

    [Fact]
    public void A_factor_with_weight_zero_is_ignored_even_when_it_is_zero()
    {
        var flow = Flow("""{"weights": {"propensity": 0.5, "impact": 0.5}, "limit": 5}""");

        var result = Decide(flow, Request(), Offer("a", propensity: 0.5, businessValue: 25, priority: 0), Offer("b", businessValue: 100));

        // a: 0.5^0.5 · (25/100)^0.5 = 0.707107 · 0.5 ≈ 0.353553391; emphasis 0 has weight 0
        Assert.Equal(["b", "a"], RankedIds(result));
        Assert.Equal(0.353553391, result.Ranked[1].Score, Precision);
        Assert.Equal(0, result.Ranked[1].Factors.Emphasis);
        Assert.Equal(0, Removed(result, DecisionStages.Score));
    }

    [Fact]
    public void Zero_propensity_eliminates_under_the_default_weights() =>
        Assert.Empty(Decide(Request(), Offer("a", propensity: 0)).Ranked);

    [Theory]
    [InlineData("""{"propensityScores": {"a": 0.9}}""", 0.9)]
    [InlineData("""{"propensityScores": {"a": 1.7}}""", 1.0)]
    [InlineData("""{"propensityScores": {"a": "0.9"}}""", 0.3)]
    [InlineData("""{"propensityScores": {"b": 0.9}}""", 0.3)]
    [InlineData("""{"propensityScores": 0.9}""", 0.3)]
    [InlineData("""{}""", 0.3)]
    public void The_customers_propensity_score_for_the_offer_overrides_the_offers(string customer, double expected)
    {
        var result = Decide(Request(customer: customer), Offer("a", propensity: 0.3));

        Assert.Equal(expected, Assert.Single(result.Ranked).Factors.Propensity);
    }

    [Fact]
    public void A_negative_propensity_score_clamps_to_zero_and_eliminates()
    {
        var result = Decide(Request(customer: """{"propensityScores": {"a": -0.2}}"""), Offer("a", propensity: 0.9));

        Assert.Empty(result.Ranked);
        Assert.Equal(1, Removed(result, DecisionStages.Score));
    }

    [Fact]
    public void Customer_scores_are_read_by_key_so_ids_with_dots_resolve()
    {
        var result = Decide(Request(customer: """{"propensityScores": {"ofr.1": 0.4}}"""), Offer("ofr.1", propensity: 0.9));

        Assert.Equal(0.4, Assert.Single(result.Ranked).Factors.Propensity);
    }

    [Theory]
    [InlineData("""{"relevanceScores": {"a": 0.2, "cards": 0.7}, "interests": ["cards"]}""", 0.2)]
    [InlineData("""{"relevanceScores": {"cards": 0.7}, "interests": ["cards"]}""", 0.7)]
    [InlineData("""{"relevanceScores": {"cards": 3}}""", 1.0)]
    [InlineData("""{"relevanceScores": {"a": "high"}, "interests": ["cards"]}""", 1.0)]
    [InlineData("""{"interests": ["travel", "cards"]}""", 1.0)]
    [InlineData("""{"interests": ["Cards"]}""", 0.5)]
    [InlineData("""{"interests": "cards"}""", 0.5)]
    [InlineData("""{}""", 0.5)]
    public void Relevance_is_a_score_for_the_offer_or_its_category_else_follows_interests(string customer, double expected)
    {
        var result = Decide(Request(customer: customer), Offer("a", category: "cards"));

        Assert.Equal(expected, Assert.Single(result.Ranked).Factors.Relevance);
    }

    [Theory]
    [InlineData("""{}""", 1.0)]
    [InlineData("""{"interests": ["cards"]}""", 1.0)]
    [InlineData("""{"relevanceScores": {"a": 0.3}}""", 0.3)]
    public void An_offer_without_category_is_fully_relevant_unless_scored(string customer, double expected)
    {
        var result = Decide(Request(customer: customer), Offer("a"));

        Assert.Equal(expected, Assert.Single(result.Ranked).Factors.Relevance);
    }

    [Fact]
    public void Impact_is_business_value_over_the_largest_among_the_scored_offers()
    {
        var result = Decide(
            Request(),
            Offer("small", businessValue: 30),
            Offer("large", businessValue: 120),
            Offer("paused", status: OfferStatus.Paused, businessValue: 1000));

        Assert.Equal(0.25, FactorsOf(result, "small").Impact);
        Assert.Equal(1, FactorsOf(result, "large").Impact);
    }

    [Fact]
    public void Impact_is_one_for_all_when_no_offer_has_business_value()
    {
        var result = Decide(Request(), Offer("a", businessValue: 0), Offer("b", businessValue: 0));

        Assert.All(result.Ranked, r => Assert.Equal(1, r.Factors.Impact));
    }

    [Fact]
    public void An_offer_without_business_value_beside_one_with_value_is_eliminated()
    {
        var result = Decide(Request(), Offer("free", businessValue: 0), Offer("paid", businessValue: 10));

        Assert.Equal(["paid"], RankedIds(result));
    }

    [Fact]
    public void Emphasis_is_priority_over_one_hundred()
    {
        var result = Decide(Request(), Offer("a", priority: 35));

        Assert.Equal(0.35, Assert.Single(result.Ranked).Factors.Emphasis);
    }
}
