using Waymark.Domain.Conditions;
using Waymark.Domain.EntryConditions;

namespace Waymark.Domain.Tests.Definitions;

public class EntryConditionParserTests
{
    private static IReadOnlyList<Problem> Validate(string json) => EntryConditionParser.Validate(TestJson.Parse(json));

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"event": "account_created"}""")]
    [InlineData("""{"event": "purchase", "condition": {"field": "amount", "operator": ">", "value": 100}, "segment": 42}""")]
    [InlineData("""{"event": null, "condition": null}""")]
    public void Event_and_condition_are_optional_and_other_keys_are_kept(string json) => Assert.Empty(Validate(json));

    [Theory]
    [InlineData("[]")]
    [InlineData("\"account_created\"")]
    public void The_entry_condition_must_be_an_object(string json) =>
        Assert.Equal([new Problem("entryCondition", "must be an object")], Validate(json));

    [Theory]
    [InlineData("""{"event": ""}""")]
    [InlineData("""{"event": 5}""")]
    public void Event_must_be_a_non_empty_string(string json) =>
        Assert.Equal([new Problem("entryCondition.event", "must be a non-empty string")], Validate(json));

    [Fact]
    public void Condition_problems_are_reported_with_their_paths() =>
        Assert.Equal(
            ["entryCondition.event", "entryCondition.condition.any[0].operator"],
            Validate("""{"event": 1, "condition": {"any": [{"field": "amount", "operator": "about", "value": 1}]}}""").Select(p => p.Field));

    [Fact]
    public void Paths_start_with_the_given_prefix() =>
        Assert.Equal("body.entryCondition.event", Assert.Single(EntryConditionParser.Validate(TestJson.Parse("""{"event": 1}"""), "body.entryCondition")).Field);

    [Fact]
    public void Read_gives_the_event_and_the_condition_on_its_properties()
    {
        var entry = EntryConditionParser.Read(TestJson.Parse("""{"event": "purchase", "condition": {"field": "amount", "operator": "gte", "value": 100}}"""));

        Assert.Equal("purchase", entry.Event);
        Assert.True(entry.Condition!.Evaluate(new JsonFieldSource(TestJson.Parse("""{"amount": 100}"""))));
        Assert.Equal(new EntryCondition(null, null), EntryConditionParser.Read(TestJson.Parse("[]")));
    }
}
