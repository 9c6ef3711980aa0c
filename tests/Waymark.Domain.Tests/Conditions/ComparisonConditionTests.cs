using Waymark.Domain.Conditions;

namespace Waymark.Domain.Tests.Conditions;

public class ComparisonConditionTests
{
    private static bool Compare(string actual, string op, string value) =>
        TestJson.Evaluate(
            $$"""{"field": "x", "operator": "{{op}}", "value": {{value}}}""",
            $$"""{"x": {{actual}}}""");

    [Theory]
    [InlineData("\"gold\"", "\"gold\"", true)]
    [InlineData("\"gold\"", "\"Gold\"", false)]
    [InlineData("\"gold\"", "\"silver\"", false)]
    [InlineData("5", "5.0", true)]
    [InlineData("5", "6", false)]
    [InlineData("0.1", "1e-1", true)]
    [InlineData("12345678901234567890", "12345678901234567891", false)]
    [InlineData("1e400", "1e400", true)]
    [InlineData("true", "true", true)]
    [InlineData("false", "true", false)]
    [InlineData("{\"a\": [1, 2]}", "{\"a\": [1, 2]}", true)]
    [InlineData("[1, 2]", "[2, 1]", false)]
    [InlineData("{\"a\": 1}", "\"{\\\"a\\\":1}\"", false)]
    public void Eq_compares_values_of_the_same_kind(string actual, string value, bool expected) =>
        Assert.Equal(expected, Compare(actual, "eq", value));

    [Theory]
    [InlineData("5", "\"5\"", true)]
    [InlineData("\"5\"", "5", true)]
    [InlineData("\"5.0\"", "5", true)]
    [InlineData("\"-2.5e1\"", "-25", true)]
    [InlineData("\" 5\"", "5", false)]
    [InlineData("\"NaN\"", "5", false)]
    [InlineData("\"5\"", "\"5.0\"", false)]
    public void A_number_and_a_numeric_string_compare_as_numbers_but_two_strings_do_not(string actual, string value, bool expected) =>
        Assert.Equal(expected, Compare(actual, "eq", value));

    [Theory]
    [InlineData("\"true\"", "true", true)]
    [InlineData("5", "\"five\"", false)]
    public void Other_mixed_scalars_compare_as_text(string actual, string value, bool expected) =>
        Assert.Equal(expected, Compare(actual, "eq", value));

    [Theory]
    [InlineData("\"2026-03-16T14:30:00Z\"", "\"2026-03-16T15:30:00+01:00\"", true)]
    [InlineData("\"2026-03-16\"", "\"2026-03-16T00:00:00.000Z\"", true)]
    [InlineData("\"2026-03-16T14:30:00\"", "\"2026-03-16T14:30:00Z\"", true)]
    [InlineData("\"2026-03-16T14:30:00Z\"", "\"2026-03-16T14:30:01Z\"", false)]
    public void Eq_compares_iso_strings_as_instants(string actual, string value, bool expected) =>
        Assert.Equal(expected, Compare(actual, "eq", value));

    [Theory]
    [InlineData("\"gold\"", "\"silver\"", true)]
    [InlineData("\"gold\"", "\"gold\"", false)]
    [InlineData("5", "\"5\"", false)]
    [InlineData("[1]", "[1]", false)]
    public void Neq_is_the_negation_of_eq_for_a_present_field(string actual, string value, bool expected) =>
        Assert.Equal(expected, Compare(actual, "neq", value));

    [Theory]
    [InlineData("10", "gt", "9", true)]
    [InlineData("9", "gt", "10", false)]
    [InlineData("10", "gt", "10", false)]
    [InlineData("10", "gte", "10", true)]
    [InlineData("9", "gte", "10", false)]
    [InlineData("9", "lt", "10", true)]
    [InlineData("10", "lt", "10", false)]
    [InlineData("10", "lte", "10", true)]
    [InlineData("11", "lte", "10", false)]
    [InlineData("2.5", "gt", "2", true)]
    [InlineData("-1", "lt", "0", true)]
    [InlineData("1e3", "gt", "999", true)]
    [InlineData("1e400", "gt", "1", true)]
    public void Ordering_operators_compare_numbers_numerically(string actual, string op, string value, bool expected) =>
        Assert.Equal(expected, Compare(actual, op, value));

    [Theory]
    [InlineData("\"10\"", "gt", "9", true)]
    [InlineData("10", "lt", "\"9\"", false)]
    [InlineData("\"10\"", "gt", "\"9\"", false)]
    public void Ordering_is_numeric_only_when_a_json_number_is_involved(string actual, string op, string value, bool expected) =>
        Assert.Equal(expected, Compare(actual, op, value));

    [Theory]
    [InlineData("\"2026-03-16T10:00:00+02:00\"", "lt", "\"2026-03-16T09:00:00Z\"", true)]
    [InlineData("\"2026-03-16\"", "lt", "\"2026-03-16T00:00:01Z\"", true)]
    [InlineData("\"2026-03-17\"", "gte", "\"2026-03-16T23:59:59.999Z\"", true)]
    [InlineData("\"2026-03-16T09:00:00Z\"", "gt", "\"2026-03-16T10:00:00+02:00\"", true)]
    public void Ordering_compares_iso_strings_as_instants(string actual, string op, string value, bool expected) =>
        Assert.Equal(expected, Compare(actual, op, value));

    [Theory]
    [InlineData("\"b\"", "gt", "\"a\"", true)]
    [InlineData("\"B\"", "lt", "\"a\"", true)]
    [InlineData("\"2026-03-16\"", "lt", "\"yesterday\"", true)]
    [InlineData("\"abc\"", "gt", "5", true)]
    public void Ordering_falls_back_to_ordinal_text(string actual, string op, string value, bool expected) =>
        Assert.Equal(expected, Compare(actual, op, value));

    [Theory]
    [InlineData("{\"a\": 1}", "gt", "{\"a\": 0}")]
    [InlineData("[1]", "lt", "[2]")]
    [InlineData("[1]", "gte", "[1]")]
    [InlineData("{}", "lte", "{}")]
    [InlineData("5", "gt", "[1]")]
    public void Ordering_objects_or_arrays_is_false(string actual, string op, string value) =>
        Assert.False(Compare(actual, op, value));

    [Theory]
    [InlineData("\"gold\"", "in", "[\"gold\", \"silver\"]", true)]
    [InlineData("\"bronze\"", "in", "[\"gold\", \"silver\"]", false)]
    [InlineData("5", "in", "[\"5\", 6]", true)]
    [InlineData("\"2026-03-16T14:30:00Z\"", "in", "[\"2026-03-16T16:30:00+02:00\"]", true)]
    [InlineData("\"gold\"", "in", "[]", false)]
    [InlineData("\"gold\"", "not_in", "[\"silver\"]", true)]
    [InlineData("\"gold\"", "not_in", "[\"gold\"]", false)]
    [InlineData("\"gold\"", "not_in", "[]", true)]
    public void In_and_not_in_test_membership_with_eq_semantics(string actual, string op, string value, bool expected) =>
        Assert.Equal(expected, Compare(actual, op, value));

    [Theory]
    [InlineData("\"hello world\"", "contains", "\"lo w\"", true)]
    [InlineData("\"Hello\"", "contains", "\"h\"", false)]
    [InlineData("[\"a\", \"b\"]", "contains", "\"b\"", true)]
    [InlineData("[1, 2]", "contains", "\"2\"", true)]
    [InlineData("[\"a\"]", "contains", "\"b\"", false)]
    [InlineData("[{\"id\": 1}]", "contains", "{\"id\": 1}", true)]
    [InlineData("12345", "contains", "234", true)]
    [InlineData("{\"a\": 1}", "contains", "\"a\"", false)]
    [InlineData("\"hello\"", "not_contains", "\"x\"", true)]
    [InlineData("\"hello\"", "not_contains", "\"ell\"", false)]
    [InlineData("[\"a\"]", "not_contains", "\"a\"", false)]
    public void Contains_searches_strings_ordinally_and_arrays_by_element(string actual, string op, string value, bool expected) =>
        Assert.Equal(expected, Compare(actual, op, value));

    [Theory]
    [InlineData("\"gold-tier\"", "starts_with", "\"gold\"", true)]
    [InlineData("\"Gold\"", "starts_with", "\"g\"", false)]
    [InlineData("12345", "starts_with", "\"12\"", true)]
    [InlineData("12345", "starts_with", "12", true)]
    [InlineData("true", "starts_with", "\"t\"", false)]
    [InlineData("[\"a\"]", "starts_with", "\"a\"", false)]
    [InlineData("\"abc\"", "ends_with", "\"bc\"", true)]
    [InlineData("\"abc\"", "ends_with", "\"BC\"", false)]
    [InlineData("2.50", "ends_with", "\"50\"", true)]
    public void Starts_and_ends_with_are_ordinal_on_text(string actual, string op, string value, bool expected) =>
        Assert.Equal(expected, Compare(actual, op, value));

    [Theory]
    [InlineData("\"x\"")]
    [InlineData("0")]
    [InlineData("\"\"")]
    [InlineData("false")]
    [InlineData("[]")]
    [InlineData("{}")]
    public void Exists_is_true_for_any_present_non_null_value(string actual)
    {
        Assert.True(TestJson.Evaluate("""{"field": "x", "operator": "exists"}""", $$"""{"x": {{actual}}}"""));
        Assert.False(TestJson.Evaluate("""{"field": "x", "operator": "not_exists"}""", $$"""{"x": {{actual}}}"""));
    }

    public static TheoryData<string> EveryOperatorName() =>
        new(Operators.All.Concat(Operators.Aliases.Select(alias => alias.Key)));

    [Theory]
    [MemberData(nameof(EveryOperatorName))]
    public void Missing_field_is_false_for_every_operator_but_not_exists(string op)
    {
        var value = Operators.NeedsArray(Operators.Canonical(op)!) ? """["a"]""" : "\"a\"";
        var condition = $$"""{"field": "x", "operator": "{{op}}", "value": {{value}}}""";
        var expected = Operators.Canonical(op) == Operators.NotExists;

        Assert.Equal(expected, TestJson.Evaluate(condition, "{}"));
        Assert.Equal(expected, TestJson.Evaluate(condition, """{"x": null}"""));
        Assert.Equal(expected, TestJson.Evaluate(condition, """{"y": "a"}"""));
    }

    [Theory]
    [InlineData("equals", "\"a\"", "\"a\"", "\"b\"")]
    [InlineData("not_equals", "\"a\"", "\"b\"", "\"b\"")]
    [InlineData("greater_than", "2", "1", "1")]
    [InlineData("less_than", "1", "2", "2")]
    [InlineData("==", "1", "\"1\"", "2")]
    [InlineData("!=", "1", "2", "2")]
    [InlineData(">", "2", "1", "0")]
    [InlineData(">=", "2", "2", "1")]
    [InlineData("<", "1", "2", "3")]
    [InlineData("<=", "2", "2", "3")]
    public void Aliases_behave_like_their_canonical_operator(string alias, string matching, string value, string notMatching)
    {
        var canonical = Operators.Canonical(alias)!;
        Assert.True(Compare(matching, alias, value));
        Assert.True(Compare(matching, canonical, value));
        Assert.False(Compare(notMatching, alias, value));
        Assert.False(Compare(notMatching, canonical, value));
    }

    [Fact]
    public void Nested_paths_reach_into_objects_and_arrays()
    {
        const string customer = """{"address": {"city": "Oslo"}, "orders": [{"total": 10}, {"total": 25}]}""";
        Assert.True(TestJson.Evaluate("""{"field": "address.city", "operator": "eq", "value": "Oslo"}""", customer));
        Assert.True(TestJson.Evaluate("""{"field": "orders.1.total", "operator": "gt", "value": 20}""", customer));
        Assert.False(TestJson.Evaluate("""{"field": "orders.2.total", "operator": "exists"}""", customer));
        Assert.True(TestJson.Evaluate("""{"field": "address.city.name", "operator": "not_exists"}""", customer));
    }
}
