using Waymark.Domain.Conditions;

namespace Waymark.Domain.Tests.Conditions;

public class FieldSourceTests
{
    private static string? Read(IFieldSource source, string path) =>
        source.TryGet(path, out var value) ? value.GetRawText() : null;

    [Theory]
    [InlineData("name", "\"Ada\"")]
    [InlineData("address.city", "\"Oslo\"")]
    [InlineData("orders.0.total", "10")]
    [InlineData("orders.1", "{\"total\": 25}")]
    [InlineData("orders", "[{\"total\": 10}, {\"total\": 25}]")]
    [InlineData("0", "\"zero\"")]
    public void Json_source_follows_dotted_paths_through_objects_and_arrays(string path, string expected)
    {
        var source = new JsonFieldSource(TestJson.Parse("""
            {"name": "Ada", "0": "zero", "address": {"city": "Oslo"}, "orders": [{"total": 10}, {"total": 25}]}
            """));

        Assert.Equal(expected, Read(source, path));
    }

    [Theory]
    [InlineData("nickname")]
    [InlineData("none")]
    [InlineData("none.deeper")]
    [InlineData("name.first")]
    [InlineData("orders.2")]
    [InlineData("orders.-1")]
    [InlineData("orders.first")]
    [InlineData("address..city")]
    [InlineData("")]
    public void Json_source_reports_missing_paths_and_nulls_as_absent(string path)
    {
        var source = new JsonFieldSource(TestJson.Parse("""
            {"name": "Ada", "none": null, "address": {"city": "Oslo"}, "orders": [{"total": 10}, {"total": 25}]}
            """));

        Assert.Null(Read(source, path));
    }

    [Fact]
    public void Json_source_over_nothing_has_no_fields() => Assert.Null(Read(new JsonFieldSource(default), "x"));

    [Fact]
    public void Runtime_source_routes_paths_by_prefix()
    {
        var source = new RuntimeFieldSource(
            TestJson.Parse("""{"tier": "gold", "event": "customer-attribute"}"""),
            TestJson.Parse("""{"amount": 42, "items": ["a"]}"""),
            TestJson.Parse("""{"offerId": "off_1"}"""));

        Assert.Equal("\"gold\"", Read(source, "tier"));
        Assert.Equal("42", Read(source, "event.amount"));
        Assert.Equal("\"a\"", Read(source, "event.items.0"));
        Assert.Equal("\"off_1\"", Read(source, "decision.offerId"));
        Assert.Equal("\"customer-attribute\"", Read(source, "event"));
        Assert.Null(Read(source, "event.tier"));
        Assert.Null(Read(source, "amount"));
    }

    [Fact]
    public void Runtime_source_without_event_or_decision_reports_them_missing()
    {
        var source = new RuntimeFieldSource(TestJson.Parse("""{"tier": "gold"}"""), null, null);

        Assert.Null(Read(source, "event.amount"));
        Assert.Null(Read(source, "decision.offerId"));
        Assert.Equal("\"gold\"", Read(source, "tier"));
    }
}
