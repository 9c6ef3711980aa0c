using Waymark.Domain.Conditions;

namespace Waymark.Domain.Tests.Conditions;

public class OperatorsTests
{
    [Fact]
    public void Every_canonical_name_is_its_own_canonical_form()
    {
        Assert.Equal(14, Operators.All.Count);
        Assert.All(Operators.All, name => Assert.Equal(name, Operators.Canonical(name)));
    }

    [Theory]
    [InlineData("equals", "eq")]
    [InlineData("not_equals", "neq")]
    [InlineData("greater_than", "gt")]
    [InlineData("less_than", "lt")]
    [InlineData("==", "eq")]
    [InlineData("!=", "neq")]
    [InlineData(">", "gt")]
    [InlineData(">=", "gte")]
    [InlineData("<", "lt")]
    [InlineData("<=", "lte")]
    public void Aliases_map_to_canonical_names(string alias, string canonical) =>
        Assert.Equal(canonical, Operators.Canonical(alias));

    [Theory]
    [InlineData("EQ")]
    [InlineData("like")]
    [InlineData("=")]
    [InlineData("")]
    public void Unknown_names_have_no_canonical_form(string name) => Assert.Null(Operators.Canonical(name));
}
