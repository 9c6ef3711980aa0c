namespace Waymark.Domain.Definitions;

public static class NodeTypes
{
    public const string EntryTrigger = "entry_trigger";
    public const string Wait = "wait";
    public const string ConditionSplit = "condition_split";
    public const string NbaDecision = "nba_decision";
    public const string ChannelAction = "channel_action";
    public const string Exit = "exit";

    public static IReadOnlyList<string> All { get; } =
        [EntryTrigger, Wait, ConditionSplit, NbaDecision, ChannelAction, Exit];

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}
