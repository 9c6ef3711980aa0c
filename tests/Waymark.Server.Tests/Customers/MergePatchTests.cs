using System.Text.Json;
using System.Text.Json.Nodes;
using Waymark.Server.Customers;

namespace Waymark.Server.Tests.Customers;

public sealed class MergePatchTests
{
    /// <summary>RFC 7396, Appendix A: target, patch, result.</summary>
    public static TheoryData<string, string, string> RfcExamples { get; } = new()
    {
        { """{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""" },
        { """{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""" },
        { """{"a":"b"}""", """{"a":null}""", """{}""" },
        { """{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""" },
        { """{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""" },
        { """{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""" },
        { """{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""" },
        { """{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""" },
        { """["a","b"]""", """["c","d"]""", """["c","d"]""" },
        { """{"a":"b"}""", """["c"]""", """["c"]""" },
        { """{"a":"foo"}""", "null", "null" },
        { """{"a":"foo"}""", "\"bar\"", "\"bar\"" },
        { """{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""" },
        { "[1,2]", """{"a":"b","c":null}""", """{"a":"b"}""" },
        { "{}", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""" },
    };

    [Theory]
    [MemberData(nameof(RfcExamples))]
    public void Applies_the_examples_of_the_RFC(string target, string patch, string expected)
    {
        var result = MergePatch.Apply(Parse(target), Parse(patch));

        Assert.Equal(expected, result);
    }

    [Fact]
    public void Merging_into_nothing_drops_the_nulls()
    {
        Assert.Equal("""{"a":1,"c":{}}""", MergePatch.Apply(null, Parse("""{"a":1,"b":null,"c":{"d":null}}""")));
    }

    [Fact]
    public void Merges_objects_at_any_depth()
    {
        var target = Parse("""{"profile":{"name":"Ada","address":{"city":"Paris","zip":"75001"}},"tier":"gold"}""");
        var patch = Parse("""{"profile":{"address":{"zip":null,"country":"FR"}}}""");

        var result = MergePatch.Apply(target, patch);

        Assert.Equal("""{"profile":{"name":"Ada","address":{"city":"Paris","country":"FR"}},"tier":"gold"}""", result);
    }

    [Fact]
    public void A_key_given_twice_counts_once_with_its_last_value()
    {
        var result = MergePatch.Apply(Parse("""{"a":1,"a":2,"b":1}"""), Parse("""{"b":2,"b":3}"""));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":2,"b":3}"""), JsonNode.Parse(result)), result);
    }

    [Fact]
    public void Keeps_text_readable_and_compact()
    {
        Assert.Equal("""{"name":"Zoë <ö>","n":1.50}""", MergePatch.Compact(Parse("""{ "name" : "Zo\u00eb <ö>", "n": 1.50 }""")));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
