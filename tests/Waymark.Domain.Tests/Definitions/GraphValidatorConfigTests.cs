using Waymark.Domain.Definitions;

namespace Waymark.Domain.Tests.Definitions;

public class GraphValidatorConfigTests
{
    [Theory]
    [InlineData("wait", """{"delayHours": 48}""", "")]
    [InlineData("wait", """{"delayHours": 0}""", "")]
    [InlineData("wait", """{"delayHours": 0.5}""", "")]
    [InlineData("wait", """{"waitForEvent": "purchase"}""", "")]
    [InlineData("wait", """{"delayHours": 24, "waitForEvent": "purchase"}""", "")]
    [InlineData("wait", """{}""", "config")]
    [InlineData("wait", """{"delayHours": null}""", "config")]
    [InlineData("wait", """{"delayHours": -1}""", "config.delayHours")]
    [InlineData("wait", """{"delayHours": "48"}""", "config.delayHours")]
    [InlineData("wait", """{"waitForEvent": ""}""", "config.waitForEvent")]
    [InlineData("wait", """{"delayHours": 1, "waitForEvent": 5}""", "config.waitForEvent")]
    [InlineData("condition_split", """{"field": "tier", "operator": "==", "value": "gold"}""", "")]
    [InlineData("condition_split", """{"condition": {"any": []}, "label": "VIP?"}""", "")]
    [InlineData("condition_split", """{"label": "VIP?"}""", "config")]
    [InlineData("condition_split", """{"field": "tier", "operator": "is", "value": "gold"}""", "config.operator")]
    [InlineData("condition_split", """{"condition": {"not": {"field": "tier"}}}""", "config.condition.not.operator")]
    [InlineData("nba_decision", """{}""", "")]
    [InlineData("nba_decision", """{"decisionFlowId": "flow_1"}""", "")]
    [InlineData("nba_decision", """{"decisionFlowId": ""}""", "config.decisionFlowId")]
    [InlineData("nba_decision", """{"decisionFlowId": 3}""", "config.decisionFlowId")]
    [InlineData("channel_action", """{"channel": "in_app"}""", "")]
    [InlineData("channel_action", """{"channelId": "ch_1"}""", "")]
    [InlineData("channel_action", """{"channel": "sms", "channelId": "ch_1"}""", "")]
    [InlineData("channel_action", """{}""", "config")]
    [InlineData("channel_action", """{"channel": "fax"}""", "config.channel")]
    [InlineData("channel_action", """{"channel": 5}""", "config.channel")]
    [InlineData("channel_action", """{"channelId": ""}""", "config.channelId")]
    [InlineData("entry_trigger", """{}""", "")]
    [InlineData("entry_trigger", """{"eventType": "signup", "segmentId": "", "condition": {"field": "amount", "operator": "gt", "value": 10}}""", "")]
    [InlineData("entry_trigger", """{"eventType": ""}""", "config.eventType")]
    [InlineData("entry_trigger", """{"segmentId": 5}""", "config.segmentId")]
    [InlineData("entry_trigger", """{"condition": {"field": "amount", "operator": "bigger", "value": 10}}""", "config.condition.operator")]
    [InlineData("exit", """{}""", "")]
    [InlineData("exit", """{"reason": "converted"}""", "")]
    [InlineData("exit", """{"reason": 5}""", "config.reason")]
    public void Every_config_must_be_valid_for_its_type(string type, string config, string expectedField)
    {
        var tested = new Node("t", type, TestJson.Parse(config));
        var entry = new Node("e", NodeTypes.EntryTrigger, TestJson.Parse("{}"));
        var exit = new Node("x", NodeTypes.Exit, TestJson.Parse("{}"));
        var definition = type switch
        {
            NodeTypes.EntryTrigger => new JourneyDefinition([tested, exit], [new Edge(null, "t", "x", null)]),
            NodeTypes.Exit => new JourneyDefinition([entry, tested], [new Edge(null, "e", "t", null)]),
            NodeTypes.ConditionSplit => new JourneyDefinition(
                [entry, tested, exit],
                [new Edge(null, "e", "t", null), new Edge(null, "t", "x", "true"), new Edge(null, "t", "x", "false")]),
            _ => new JourneyDefinition([entry, tested, exit], [new Edge(null, "e", "t", null), new Edge(null, "t", "x", null)]),
        };
        var index = definition.Nodes.ToList().IndexOf(tested);

        var problems = GraphValidator.Validate(definition);

        if (expectedField.Length == 0)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.Equal($"definition.nodes[{index}].{expectedField}", Assert.Single(problems).Field);
        }
    }
}
