using Waymark.Domain.Conditions;
using Waymark.Domain.Definitions;

namespace Waymark.Domain.Tests.Definitions;

public class NodeConfigTests
{
    private static Node NodeWith(string type, string config) => new("n", type, TestJson.Parse(config));

    [Theory]
    [InlineData("""{"delayHours": 48}""", 48.0)]
    [InlineData("""{"delayHours": 0.25}""", 0.25)]
    [InlineData("""{"delayHours": 0}""", 0.0)]
    [InlineData("""{"delayHours": -1}""", null)]
    [InlineData("""{"delayHours": "48"}""", null)]
    [InlineData("""{"delayHours": null}""", null)]
    [InlineData("""{}""", null)]
    public void Delay_hours_reads_a_non_negative_number(string config, double? expected) =>
        Assert.Equal(expected, NodeConfig.DelayHours(NodeWith(NodeTypes.Wait, config)));

    [Theory]
    [InlineData("""{"waitForEvent": "purchase"}""", "purchase")]
    [InlineData("""{"waitForEvent": ""}""", null)]
    [InlineData("""{"waitForEvent": 5}""", null)]
    public void Wait_for_event_reads_a_non_empty_string(string config, string? expected) =>
        Assert.Equal(expected, NodeConfig.WaitForEvent(NodeWith(NodeTypes.Wait, config)));

    [Theory]
    [InlineData("""{"field": "tier", "operator": "eq", "value": "gold"}""")]
    [InlineData("""{"condition": {"field": "tier", "operator": "eq", "value": "gold"}, "label": "Gold?"}""")]
    public void Split_condition_is_the_config_itself_or_its_condition_key(string config)
    {
        var condition = NodeConfig.SplitCondition(NodeWith(NodeTypes.ConditionSplit, config));

        Assert.NotNull(condition);
        Assert.True(condition.Evaluate(new JsonFieldSource(TestJson.Parse("""{"tier": "gold"}"""))));
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"field": "tier", "operator": "like", "value": "gold"}""")]
    public void Split_condition_is_null_when_absent_or_invalid(string config) =>
        Assert.Null(NodeConfig.SplitCondition(NodeWith(NodeTypes.ConditionSplit, config)));

    [Theory]
    [InlineData("""{"decisionFlowId": "flow_7"}""", "flow_7")]
    [InlineData("""{"decisionFlowId": ""}""", "default-flow")]
    [InlineData("""{}""", "default-flow")]
    public void Decision_flow_defaults_to_default_flow(string config, string expected) =>
        Assert.Equal(expected, NodeConfig.DecisionFlowId(NodeWith(NodeTypes.NbaDecision, config)));

    [Fact]
    public void Channel_action_reads_channel_and_channel_id()
    {
        var node = NodeWith(NodeTypes.ChannelAction, """{"channel": "sms", "channelId": "ch_1"}""");

        Assert.Equal("sms", NodeConfig.Channel(node));
        Assert.Equal("ch_1", NodeConfig.ChannelId(node));
        Assert.Null(NodeConfig.Channel(NodeWith(NodeTypes.ChannelAction, """{"channel": 1}""")));
    }

    [Fact]
    public void Entry_trigger_reads_event_type_segment_and_condition()
    {
        var node = NodeWith(NodeTypes.EntryTrigger, """
            {"eventType": "purchase", "segmentId": "seg_1", "condition": {"field": "amount", "operator": "gt", "value": 100}}
            """);

        Assert.Equal("purchase", NodeConfig.EntryEventType(node));
        Assert.Equal("seg_1", NodeConfig.SegmentId(node));
        Assert.True(NodeConfig.EntryCondition(node)!.Evaluate(new JsonFieldSource(TestJson.Parse("""{"amount": 150}"""))));
        Assert.Null(NodeConfig.EntryCondition(NodeWith(NodeTypes.EntryTrigger, "{}")));
    }

    [Fact]
    public void Exit_reads_its_reason()
    {
        Assert.Equal("converted", NodeConfig.ExitReason(NodeWith(NodeTypes.Exit, """{"reason": "converted"}""")));
        Assert.Null(NodeConfig.ExitReason(NodeWith(NodeTypes.Exit, "{}")));
    }

    [Fact]
    public void A_node_without_config_reads_as_unconfigured()
    {
        var node = new Node("n", NodeTypes.Wait, default);

        Assert.Null(NodeConfig.DelayHours(node));
        Assert.Null(NodeConfig.SplitCondition(node));
        Assert.Equal("default-flow", NodeConfig.DecisionFlowId(node));
        Assert.Null(NodeConfig.Channel(node));
    }
}
