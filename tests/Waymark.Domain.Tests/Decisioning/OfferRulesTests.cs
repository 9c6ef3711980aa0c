using Waymark.Domain.Decisioning;

namespace Waymark.Domain.Tests.Decisioning;

public class OfferRulesTests
{
    private static readonly DateTime June = new(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Valid_values_have_no_problems() =>
        Assert.Empty(OfferRules.Validate(0.35, 120, 80, June, June.AddDays(30)));

    [Fact]
    public void Values_not_given_are_not_checked() =>
        Assert.Empty(OfferRules.Validate(null, null, null, null, null));

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Propensity_may_be_zero_or_one(double propensity) =>
        Assert.Empty(OfferRules.Validate(propensity, null, null, null, null));

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Propensity_must_be_from_zero_to_one(double propensity) =>
        Assert.Equal(
            new Problem("propensity", "must be a number from 0 to 1"),
            Assert.Single(OfferRules.Validate(propensity, null, null, null, null)));

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    public void Business_value_must_be_zero_or_more(double businessValue) =>
        Assert.Equal(
            new Problem("businessValue", "must be a number >= 0"),
            Assert.Single(OfferRules.Validate(null, businessValue, null, null, null)));

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void Priority_must_be_from_zero_to_one_hundred(int priority) =>
        Assert.Equal(
            new Problem("priority", "must be an integer from 0 to 100"),
            Assert.Single(OfferRules.Validate(null, null, priority, null, null)));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void The_end_must_come_after_the_start(int days) =>
        Assert.Equal(
            new Problem("endAt", "must be after startAt"),
            Assert.Single(OfferRules.Validate(null, null, null, June, June.AddDays(days))));

    [Fact]
    public void An_open_start_or_end_needs_no_order()
    {
        Assert.Empty(OfferRules.Validate(null, null, null, June, null));
        Assert.Empty(OfferRules.Validate(null, null, null, null, June));
    }

    [Fact]
    public void Every_problem_is_reported_at_once() =>
        Assert.Equal(
            ["propensity", "businessValue", "priority", "endAt"],
            OfferRules.Validate(2, -5, 200, June, June).Select(p => p.Field));
}
