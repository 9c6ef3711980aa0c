namespace Waymark.Domain.Tests.Conditions;

public class GroupConditionTests
{
    private const string Gold = """{"field": "tier", "operator": "eq", "value": "gold"}""";
    private const string Adult = """{"field": "age", "operator": "gte", "value": 18}""";

    [Fact]
    public void Empty_all_is_true_and_empty_any_is_false()
    {
        Assert.True(TestJson.Evaluate("""{"all": []}""", "{}"));
        Assert.False(TestJson.Evaluate("""{"any": []}""", "{}"));
    }

    [Theory]
    [InlineData("""{"tier": "gold", "age": 30}""", true, true)]
    [InlineData("""{"tier": "gold", "age": 12}""", false, true)]
    [InlineData("""{"tier": "silver", "age": 12}""", false, false)]
    public void All_needs_every_member_and_any_needs_one(string customer, bool all, bool any)
    {
        Assert.Equal(all, TestJson.Evaluate($$"""{"all": [{{Gold}}, {{Adult}}]}""", customer));
        Assert.Equal(any, TestJson.Evaluate($$"""{"any": [{{Gold}}, {{Adult}}]}""", customer));
    }

    [Fact]
    public void Not_inverts_its_condition()
    {
        Assert.False(TestJson.Evaluate($$"""{"not": {{Gold}}}""", """{"tier": "gold"}"""));
        Assert.True(TestJson.Evaluate($$"""{"not": {{Gold}}}""", """{"tier": "silver"}"""));
    }

    [Fact]
    public void Not_of_a_comparison_on_a_missing_field_is_true() =>
        Assert.True(TestJson.Evaluate($$"""{"not": {{Gold}}}""", "{}"));

    [Theory]
    [InlineData("""{"tier": "gold", "age": 30, "country": "NO"}""", true)]
    [InlineData("""{"tier": "silver", "age": 30, "country": "NO"}""", true)]
    [InlineData("""{"tier": "silver", "age": 12, "country": "NO"}""", false)]
    [InlineData("""{"tier": "gold", "age": 30, "country": "US"}""", false)]
    public void Groups_nest_freely(string customer, bool expected)
    {
        var condition = $$$"""
            {"all": [
              {"any": [{{{Gold}}}, {{{Adult}}}]},
              {"not": {"field": "country", "operator": "in", "value": ["US", "CA"]}}
            ]}
            """;

        Assert.Equal(expected, TestJson.Evaluate(condition, customer));
    }

    [Fact]
    public void Fields_lists_every_path_once_in_first_use_order()
    {
        var condition = TestJson.Condition($$$"""{"any": [{{{Gold}}}, {"not": {{{Adult}}}}, {{{Gold}}}, {"field": "event.type", "operator": "exists"}]}""");

        Assert.Equal(["tier", "age", "event.type"], condition.Fields);
    }

    [Fact]
    public void Inputs_record_each_field_value_and_null_for_missing()
    {
        var condition = TestJson.Condition($$"""{"all": [{{Gold}}, {{Adult}}]}""");

        var inputs = condition.ReadInputs(new Waymark.Domain.Conditions.JsonFieldSource(TestJson.Parse("""{"tier": "gold"}""")));

        Assert.Equal("gold", inputs["tier"]!.Value.GetString());
        Assert.Null(inputs["age"]);
    }
}
