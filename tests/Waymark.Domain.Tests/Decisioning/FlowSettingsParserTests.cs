using Waymark.Domain.Conditions;
using Waymark.Domain.Decisioning;

namespace Waymark.Domain.Tests.Decisioning;

public class FlowSettingsParserTests
{
    private static (FlowSettings? Settings, IReadOnlyList<Problem> Problems) Parse(string json, string prefix = "settings") =>
        FlowSettingsParser.Parse(TestJson.Parse(json), prefix);

    private static Problem SingleProblem(string json)
    {
        var (settings, problems) = Parse(json);
        Assert.Null(settings);
        return Assert.Single(problems);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("""{"candidates": null, "filters": null, "contactPolicy": null, "weights": null, "limit": null}""")]
    [InlineData("""{"candidates": {}, "filters": []}""")]
    public void Missing_keys_take_the_default_flows_values(string json)
    {
        var (settings, problems) = Parse(json);

        Assert.Empty(problems);
        Assert.NotNull(settings);
        Assert.Empty(settings.OfferIds);
        Assert.Empty(settings.Categories);
        Assert.Empty(settings.Filters);
        Assert.Null(settings.ContactPolicyHours);
        Assert.Equal(PrieWeights.Equal, settings.Weights);
        Assert.Equal(1, settings.Limit);
    }

    [Fact]
    public void Reads_every_setting()
    {
        var (settings, problems) = Parse("""
            {
              "candidates": {"offerIds": ["ofr_1", "ofr_2"], "categories": ["cards"]},
              "filters": [{"field": "event.amount", "operator": ">", "value": 100}],
              "contactPolicy": {"hours": 24},
              "weights": {"propensity": 0.4, "relevance": 0.2, "impact": 0.2, "emphasis": 0.2},
              "limit": 3
            }
            """);

        Assert.Empty(problems);
        Assert.NotNull(settings);
        Assert.Equal(["ofr_1", "ofr_2"], settings.OfferIds);
        Assert.Equal(["cards"], settings.Categories);
        var filter = Assert.IsType<ComparisonCondition>(Assert.Single(settings.Filters));
        Assert.Equal(("event.amount", Operators.Gt), (filter.Field, filter.Operator));
        Assert.Equal(24, settings.ContactPolicyHours);
        Assert.Equal(new PrieWeights(0.4, 0.2, 0.2, 0.2), settings.Weights);
        Assert.Equal(3, settings.Limit);
    }

    [Fact]
    public void Weights_left_out_of_the_object_are_zero()
    {
        var (settings, _) = Parse("""{"weights": {"propensity": 0.7, "emphasis": 0.3}}""");

        Assert.Equal(new PrieWeights(0.7, 0, 0, 0.3), settings!.Weights);
    }

    [Fact]
    public void Weights_may_miss_one_by_rounding()
    {
        var (settings, problems) = Parse("""{"weights": {"propensity": 0.3333333, "relevance": 0.3333333, "impact": 0.3333334}}""");

        Assert.Empty(problems);
        Assert.NotNull(settings);
    }

    [Theory]
    [InlineData("""{"weights": {"propensity": 0.5, "relevance": 0.4}}""", "must sum to 1, but sum to 0.9")]
    [InlineData("""{"weights": {"propensity": 1, "relevance": 1}}""", "must sum to 1, but sum to 2")]
    [InlineData("""{"weights": {}}""", "must sum to 1, but sum to 0")]
    public void Weights_must_sum_to_one(string json, string message) =>
        Assert.Equal(new Problem("settings.weights", message), SingleProblem(json));

    [Theory]
    [InlineData("""{"weights": {"propensity": 1.2, "impact": -0.2}}""")]
    [InlineData("""{"weights": {"propensity": 1, "impact": "0"}}""")]
    public void Each_weight_must_be_a_number_of_zero_or_more(string json) =>
        Assert.Equal(new Problem("settings.weights.impact", "must be a number >= 0"), SingleProblem(json));

    [Fact]
    public void An_unknown_weight_is_a_problem() =>
        Assert.Equal(
            new Problem("settings.weights.propensty", "is not a weight; use propensity, relevance, impact or emphasis"),
            SingleProblem("""{"weights": {"propensty": 0.5, "relevance": 0.5}}"""));

    [Fact]
    public void Weights_must_be_an_object() =>
        Assert.Equal("settings.weights", SingleProblem("""{"weights": [0.25, 0.25, 0.25, 0.25]}""").Field);

    [Theory]
    [InlineData("1", 1)]
    [InlineData("50", 50)]
    public void Limit_is_an_integer_from_1_to_50(string limit, int expected) =>
        Assert.Equal(expected, Parse($$"""{"limit": {{limit}}}""").Settings!.Limit);

    [Theory]
    [InlineData("0")]
    [InlineData("51")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("\"3\"")]
    [InlineData("true")]
    public void A_limit_outside_1_to_50_is_a_problem(string limit) =>
        Assert.Equal(new Problem("settings.limit", "must be an integer from 1 to 50"), SingleProblem($$"""{"limit": {{limit}}}"""));

    [Theory]
    [InlineData("1", 1)]
    [InlineData("8760", 8760)]
    public void Contact_policy_hours_are_an_integer_from_1_to_8760(string hours, int expected) =>
        Assert.Equal(expected, Parse($$$"""{"contactPolicy": {"hours": {{{hours}}}}}""").Settings!.ContactPolicyHours);

    [Theory]
    [InlineData("0")]
    [InlineData("8761")]
    [InlineData("2.5")]
    [InlineData("\"24\"")]
    public void Contact_policy_hours_outside_1_to_8760_are_a_problem(string hours) =>
        Assert.Equal(
            new Problem("settings.contactPolicy.hours", "must be an integer from 1 to 8760"),
            SingleProblem($$$"""{"contactPolicy": {"hours": {{{hours}}}}}"""));

    [Fact]
    public void A_contact_policy_needs_its_hours() =>
        Assert.Equal("settings.contactPolicy.hours", SingleProblem("""{"contactPolicy": {}}""").Field);

    [Fact]
    public void A_contact_policy_must_be_an_object() =>
        Assert.Equal("settings.contactPolicy", SingleProblem("""{"contactPolicy": 24}""").Field);

    [Fact]
    public void Filter_problems_carry_the_filters_index() =>
        Assert.Equal(
            "settings.filters[2].operator",
            SingleProblem("""
                {"filters": [
                  {"field": "a", "operator": "exists"},
                  {"field": "b", "operator": "exists"},
                  {"field": "c", "operator": "like", "value": 1}
                ]}
                """).Field);

    [Fact]
    public void Filters_must_be_an_array() =>
        Assert.Equal(
            new Problem("settings.filters", "must be an array of conditions"),
            SingleProblem("""{"filters": {"field": "a", "operator": "exists"}}"""));

    [Theory]
    [InlineData("""{"candidates": {"offerIds": ["ofr_1", ""]}}""", "settings.candidates.offerIds[1]")]
    [InlineData("""{"candidates": {"offerIds": [7]}}""", "settings.candidates.offerIds[0]")]
    [InlineData("""{"candidates": {"categories": ["cards", " "]}}""", "settings.candidates.categories[1]")]
    public void Offer_ids_and_categories_must_be_non_empty_strings(string json, string field) =>
        Assert.Equal(new Problem(field, "must be a non-empty string"), SingleProblem(json));

    [Theory]
    [InlineData("""{"candidates": {"offerIds": "ofr_1"}}""", "settings.candidates.offerIds")]
    [InlineData("""{"candidates": {"categories": {"cards": true}}}""", "settings.candidates.categories")]
    public void Offer_ids_and_categories_must_be_arrays(string json, string field) =>
        Assert.Equal(new Problem(field, "must be an array of non-empty strings"), SingleProblem(json));

    [Fact]
    public void Candidates_must_be_an_object() =>
        Assert.Equal("settings.candidates", SingleProblem("""{"candidates": ["ofr_1"]}""").Field);

    [Theory]
    [InlineData("[]")]
    [InlineData("\"default\"")]
    public void Settings_must_be_an_object(string json) =>
        Assert.Equal(new Problem("settings", "must be an object"), SingleProblem(json));

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var (settings, problems) = Parse("""
            {
              "candidates": {"offerIds": [""]},
              "filters": [{"operator": "eq"}],
              "contactPolicy": {"hours": 0},
              "weights": {"propensity": 2},
              "limit": 0
            }
            """);

        Assert.Null(settings);
        Assert.Equal(
            ["settings.candidates.offerIds[0]", "settings.filters[0]", "settings.contactPolicy.hours", "settings.weights", "settings.limit"],
            problems.Select(p => p.Field));
    }

    [Fact]
    public void An_empty_prefix_leaves_paths_bare()
    {
        var (_, problems) = FlowSettingsParser.Parse(TestJson.Parse("""{"filters": [1], "limit": 0}"""), "");

        Assert.Equal(["filters[0]", "limit"], problems.Select(p => p.Field));
    }
}
