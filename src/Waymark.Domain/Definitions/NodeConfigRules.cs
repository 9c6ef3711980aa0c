using System.Text.Json;
using Waymark.Domain.Conditions;

namespace Waymark.Domain.Definitions;

// What each node type needs in its config before a journey may run.
internal static class NodeConfigRules
{
    public static void Check(Node node, string configPath, List<Problem> problems)
    {
        var config = node.Config;
        switch (node.Type)
        {
            case NodeTypes.EntryTrigger:
                OptionalProperty.RequireNonEmptyStringIfPresent(config, NodeConfig.EventTypeKey, configPath, problems);
                RequireStringIfPresent(config, NodeConfig.SegmentIdKey, configPath, problems);
                if (OptionalProperty.TryGet(config, NodeConfig.ConditionKey, out var entryCondition))
                {
                    problems.AddRange(ConditionParser.Parse(entryCondition, ProblemPath.Child(configPath, NodeConfig.ConditionKey)).Problems);
                }

                break;
            case NodeTypes.Wait:
                CheckWait(config, configPath, problems);
                break;
            case NodeTypes.ConditionSplit:
                CheckSplit(config, configPath, problems);
                break;
            case NodeTypes.NbaDecision:
                OptionalProperty.RequireNonEmptyStringIfPresent(config, NodeConfig.DecisionFlowIdKey, configPath, problems);
                break;
            case NodeTypes.ChannelAction:
                CheckChannelAction(config, configPath, problems);
                break;
            case NodeTypes.Exit:
                RequireStringIfPresent(config, NodeConfig.ReasonKey, configPath, problems);
                break;
        }
    }

    private static void CheckWait(JsonElement config, string configPath, List<Problem> problems)
    {
        var hasDelay = OptionalProperty.TryGet(config, NodeConfig.DelayHoursKey, out var delay);
        if (hasDelay && !(delay.ValueKind == JsonValueKind.Number && delay.TryGetDouble(out var hours) && double.IsFinite(hours) && hours >= 0))
        {
            problems.Add(new Problem(ProblemPath.Child(configPath, NodeConfig.DelayHoursKey), "must be a number >= 0"));
        }

        var hasEvent = OptionalProperty.TryGet(config, NodeConfig.WaitForEventKey, out _);
        OptionalProperty.RequireNonEmptyStringIfPresent(config, NodeConfig.WaitForEventKey, configPath, problems);

        if (!hasDelay && !hasEvent)
        {
            problems.Add(new Problem(configPath, "must set delayHours, waitForEvent or both"));
        }
    }

    private static void CheckSplit(JsonElement config, string configPath, List<Problem> problems)
    {
        if (!NodeConfig.TryGetSplitCondition(config, out var condition, out var relativePath))
        {
            problems.Add(new Problem(configPath, "must be a condition (field, all, any or not) or hold one under condition"));
            return;
        }

        var path = relativePath.Length == 0 ? configPath : ProblemPath.Child(configPath, relativePath);
        problems.AddRange(ConditionParser.Parse(condition, path).Problems);
    }

    private static void CheckChannelAction(JsonElement config, string configPath, List<Problem> problems)
    {
        var hasChannel = OptionalProperty.TryGet(config, NodeConfig.ChannelKey, out var channel);
        if (hasChannel && (channel.ValueKind != JsonValueKind.String || !ChannelTypes.IsKnown(channel.GetString()!)))
        {
            problems.Add(new Problem(
                ProblemPath.Child(configPath, NodeConfig.ChannelKey),
                $"must be one of {string.Join(", ", ChannelTypes.All)}"));
        }

        var hasChannelId = OptionalProperty.TryGet(config, NodeConfig.ChannelIdKey, out _);
        OptionalProperty.RequireNonEmptyStringIfPresent(config, NodeConfig.ChannelIdKey, configPath, problems);

        if (!hasChannel && !hasChannelId)
        {
            problems.Add(new Problem(configPath, "must set channel or channelId"));
        }
    }

    private static void RequireStringIfPresent(JsonElement config, string key, string configPath, List<Problem> problems)
    {
        if (OptionalProperty.TryGet(config, key, out var value) && value.ValueKind != JsonValueKind.String)
        {
            problems.Add(new Problem(ProblemPath.Child(configPath, key), "must be a string"));
        }
    }
}
