using Waymark.Domain.Runtime;

namespace Waymark.Domain.Tests.Runtime;

public class StepExecutorLeaveTests
{
    private const string WaitThenExit = """
        {"nodes": [{"id": "n", "type": "wait", "config": {"waitForEvent": "purchase"}}, {"id": "next", "type": "exit"}],
         "edges": [{"source": "n", "target": "next"}]}
        """;

    [Fact]
    public void Leaving_the_entry_trigger_goes_to_its_target()
    {
        var definition = TestJson.Definition("""
            {"nodes": [{"id": "n", "type": "entry_trigger"}, {"id": "next", "type": "exit"}], "edges": [{"source": "n", "target": "next"}]}
            """);

        Assert.Equal("next", StepExecutor.Leave(definition, definition.FindNode("n")!));
    }

    [Fact]
    public void Leaving_a_wait_goes_to_its_target()
    {
        var definition = TestJson.Definition(WaitThenExit);

        Assert.Equal("next", StepExecutor.Leave(definition, definition.FindNode("n")!));
    }

    [Fact]
    public void Leaving_a_node_without_an_edge_or_with_a_missing_target_goes_nowhere()
    {
        var withoutEdge = TestJson.Definition("""{"nodes": [{"id": "n", "type": "wait", "config": {"delayHours": 1}}], "edges": []}""");
        var dangling = TestJson.Definition("""
            {"nodes": [{"id": "n", "type": "wait", "config": {"delayHours": 1}}], "edges": [{"source": "n", "target": "ghost"}]}
            """);

        Assert.Null(StepExecutor.Leave(withoutEdge, withoutEdge.FindNode("n")!));
        Assert.Null(StepExecutor.Leave(dangling, dangling.FindNode("n")!));
    }
}
