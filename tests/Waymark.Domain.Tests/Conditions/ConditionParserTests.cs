using System.Text.Json;
using Waymark.Domain.Conditions;

namespace Waymark.Domain.Tests.Conditions;

public class ConditionParserTests
{
    private static ConditionParseResult Parse(string json, string prefix = "condition") =>
        ConditionParser.Parse(TestJson.Parse(json), prefix);

    private static Problem SingleProblem(string json)
    {
        var result = Parse(json);
        Assert.Null(result.Condition);
        return Assert.Single(result.Problems);
    }

    [Fact]
    public void Leaf_parses_into_a_comparison_with_the_canonical_operator()
    {
        var result = Parse("""{"field": "age", "operator": ">=", "value": 18}""");

        var comparison = Assert.IsType<ComparisonCondition>(result.Condition);
        Assert.True(result.IsValid);
        Assert.Equal("age", comparison.Field);
        Assert.Equal(Operators.Gte, comparison.Operator);
        Assert.Equal(18, comparison.Value!.Value.GetInt32());
    }

    [Fact]
    public void Groups_parse_into_their_condition_kinds()
    {
        var condition = TestJson.Condition("""
            {"all": [
              {"any": [{"field": "a", "operator": "exists"}]},
              {"not": {"field": "b", "operator": "exists"}}
            ]}
            """);

        var all = Assert.IsType<AllCondition>(condition);
        Assert.IsType<AnyCondition>(all.Conditions[0]);
        Assert.IsType<NotCondition>(all.Conditions[1]);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"tier eq gold\"")]
    [InlineData("null")]
    public void A_condition_must_be_an_object(string json) =>
        Assert.Equal(new Problem("condition", "must be an object"), SingleProblem(json));

    [Fact]
    public void A_condition_needs_field_all_any_or_not() =>
        Assert.Equal(new Problem("condition", "must have one of field, all, any or not"), SingleProblem("""{"operator": "eq", "value": 1}"""));

    [Fact]
    public void A_condition_may_not_mix_shapes()
    {
        var problem = SingleProblem("""{"field": "x", "operator": "exists", "all": []}""");
        Assert.Equal("condition", problem.Field);
        Assert.Contains("field, all", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("\"\"")]
    [InlineData("\"  \"")]
    [InlineData("null")]
    public void Field_must_be_a_non_empty_string(string field) =>
        Assert.Equal(
            new Problem("condition.field", "must be a non-empty string"),
            SingleProblem($$"""{"field": {{field}}, "operator": "exists"}"""));

    [Fact]
    public void Operator_is_required()
    {
        var problem = SingleProblem("""{"field": "x", "value": 1}""");
        Assert.Equal("condition.operator", problem.Field);
        Assert.StartsWith("is required", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Operator_must_be_a_string()
    {
        var problem = SingleProblem("""{"field": "x", "operator": 1, "value": 1}""");
        Assert.Equal("condition.operator", problem.Field);
        Assert.StartsWith("must be a string", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_operator_is_named_and_the_valid_ones_listed()
    {
        var problem = SingleProblem("""{"field": "x", "operator": "like", "value": "a%"}""");

        Assert.Equal("condition.operator", problem.Field);
        foreach (var expected in (string[])["'like'", "eq", "not_exists", "starts_with", "greater_than", "<="])
        {
            Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("eq")]
    [InlineData("==")]
    [InlineData("contains")]
    [InlineData("in")]
    public void Value_is_required_by_operators_that_compare(string op)
    {
        var problem = SingleProblem($$"""{"field": "x", "operator": "{{op}}"}""");
        Assert.Equal(new Problem("condition.value", $"is required for operator '{op}'"), problem);
    }

    [Fact]
    public void Value_may_not_be_null()
    {
        var problem = SingleProblem("""{"field": "x", "operator": "eq", "value": null}""");
        Assert.Equal("condition.value", problem.Field);
        Assert.Contains("not_exists", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("in")]
    [InlineData("not_in")]
    public void In_and_not_in_need_an_array(string op) =>
        Assert.Equal(
            new Problem("condition.value", $"must be an array for operator '{op}'"),
            SingleProblem($$"""{"field": "x", "operator": "{{op}}", "value": "gold"}"""));

    [Theory]
    [InlineData("exists")]
    [InlineData("not_exists")]
    public void Exists_and_not_exists_need_no_value_and_ignore_one(string op)
    {
        Assert.True(Parse($$"""{"field": "x", "operator": "{{op}}"}""").IsValid);
        var withValue = Assert.IsType<ComparisonCondition>(Parse($$"""{"field": "x", "operator": "{{op}}", "value": 1}""").Condition);
        Assert.Null(withValue.Value);
    }

    [Theory]
    [InlineData("all")]
    [InlineData("any")]
    public void Groups_need_an_array(string group) =>
        Assert.Equal(
            new Problem($"condition.{group}", "must be an array of conditions"),
            SingleProblem($$$"""{"{{{group}}}": {"field": "x", "operator": "exists"}}"""));

    [Fact]
    public void Not_needs_an_object() =>
        Assert.Equal(new Problem("condition.not", "must be an object"), SingleProblem("""{"not": [1]}"""));

    [Fact]
    public void Every_problem_is_collected_with_its_nested_path()
    {
        var result = Parse("""
            {"all": [
              {"field": "a", "operator": "eq", "value": 1},
              {"any": [{"field": "", "operator": "like"}, 7]},
              {"not": {"field": "b", "operator": "in", "value": 3}}
            ]}
            """);

        Assert.Null(result.Condition);
        Assert.Equal(
            ["condition.all[1].any[0].field", "condition.all[1].any[0].operator", "condition.all[1].any[1]", "condition.all[2].not.value"],
            result.Problems.Select(p => p.Field));
    }

    [Fact]
    public void An_empty_prefix_starts_paths_at_the_key() =>
        Assert.Equal("field", Assert.Single(Parse("""{"field": 1, "operator": "exists"}""", prefix: "").Problems).Field);

    [Fact]
    public void Nesting_beyond_the_limit_is_a_problem()
    {
        var json = string.Concat(Enumerable.Repeat("""{"not": """, 40)) + """{"field": "x", "operator": "exists"}""" + new string('}', 40);

        var problem = SingleProblem(json);
        Assert.Contains("deeper than", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parsed_condition_outlives_its_document()
    {
        Condition condition;
        using (var document = JsonDocument.Parse("""{"field": "tags", "operator": "contains", "value": "vip"}"""))
        {
            condition = ConditionParser.Parse(document.RootElement, "condition").Condition!;
        }

        Assert.True(condition.Evaluate(new JsonFieldSource(TestJson.Parse("""{"tags": ["new", "vip"]}"""))));
    }
}
