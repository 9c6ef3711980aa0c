using System.Text.Json;
using Waymark.Domain.Conditions;

namespace Waymark.Domain.Definitions;

// Lenient readers of node configs: a value of the wrong type reads as absent, so callers can
// walk drafts that were never validated. GraphValidator is where wrong types become problems.
public static class NodeConfig
{
    public const string DefaultDecisionFlowId = "default-flow";

    internal const string DelayHoursKey = "delayHours";
    internal const string WaitForEventKey = "waitForEvent";
    internal const string ConditionKey = "condition";
    internal const string DecisionFlowIdKey = "decisionFlowId";
    internal const string ChannelKey = "channel";
    internal const string ChannelIdKey = "channelId";
    internal const string EventTypeKey = "eventType";
    internal const string SegmentIdKey = "segmentId";
    internal const string ReasonKey = "reason";

    public static double? DelayHours(Node node) =>
        OptionalProperty.TryGet(node.Config, DelayHoursKey, out var value)
        && value.ValueKind == JsonValueKind.Number
        && value.TryGetDouble(out var hours) && double.IsFinite(hours) && hours >= 0
            ? hours
            : null;

    public static string? WaitForEvent(Node node) => OptionalProperty.NonEmptyString(node.Config, WaitForEventKey);

    public static Condition? SplitCondition(Node node) =>
        TryGetSplitCondition(node.Config, out var json, out _)
            ? ConditionParser.Parse(json, string.Empty).Condition
            : null;

    public static string DecisionFlowId(Node node) =>
        OptionalProperty.NonEmptyString(node.Config, DecisionFlowIdKey) ?? DefaultDecisionFlowId;

    public static string? Channel(Node node) => OptionalProperty.NonEmptyString(node.Config, ChannelKey);

    public static string? ChannelId(Node node) => OptionalProperty.NonEmptyString(node.Config, ChannelIdKey);

    public static string? EntryEventType(Node node) => OptionalProperty.NonEmptyString(node.Config, EventTypeKey);

    public static string? SegmentId(Node node) => OptionalProperty.NonEmptyString(node.Config, SegmentIdKey);

    public static Condition? EntryCondition(Node node) =>
        OptionalProperty.TryGet(node.Config, ConditionKey, out var json)
            ? ConditionParser.Parse(json, string.Empty).Condition
            : null;

    public static string? ExitReason(Node node) => OptionalProperty.NonEmptyString(node.Config, ReasonKey);

    // A split's config is the condition itself, or holds it under "condition"; both shapes
    // are in use by editors. RelativePath locates it within the config for problem paths.
    internal static bool TryGetSplitCondition(JsonElement config, out JsonElement condition, out string relativePath)
    {
        if (ConditionParser.LooksLikeCondition(config))
        {
            condition = config;
            relativePath = string.Empty;
            return true;
        }

        relativePath = ConditionKey;
        return OptionalProperty.TryGet(config, ConditionKey, out condition);
    }
}
