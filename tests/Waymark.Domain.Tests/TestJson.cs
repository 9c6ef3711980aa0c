using System.Text.Json;
using Waymark.Domain.Conditions;
using Waymark.Domain.Definitions;

namespace Waymark.Domain.Tests;

internal static class TestJson
{
    public static JsonElement Parse(string json) => JsonElement.Parse(json);

    public static JourneyDefinition Definition(string json)
    {
        var result = DefinitionParser.Parse(Parse(json));
        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        return result.Definition!;
    }

    public static Condition Condition(string json)
    {
        var result = ConditionParser.Parse(Parse(json), "condition");
        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        return result.Condition!;
    }

    public static bool Evaluate(string condition, string attributes) =>
        Condition(condition).Evaluate(new JsonFieldSource(Parse(attributes)));
}
