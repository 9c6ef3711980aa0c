using System.Globalization;

namespace Waymark.Domain.Runtime;

// The decision lines of SPEC §4, shared by the runtime's history and the simulation, so the two
// can never describe the same step differently.
internal static class DecisionTexts
{
    public const string EntersJourney = "customer enters journey";
    public const string ConditionMet = "condition met (true branch)";
    public const string ConditionNotMet = "condition not met (false branch)";
    public const string JourneyComplete = "journey complete";

    // For a run that could not enter any node: there is no node to describe.
    public const string CannotContinue = "journey cannot continue";

    public static string NbaDecision(string decisionFlowId) =>
        $"NBA decision requested (decision flow: {decisionFlowId})";

    // A channel type when there is one, else the channel id.
    public static string SendVia(string? channel) =>
        channel is null ? "send via unconfigured channel" : $"send via {channel}";

    // Hours print invariant and shortest: 48, 0.5, 1E+300.
    public static string Wait(double? delayHours, string? eventType)
    {
        var hours = delayHours?.ToString(CultureInfo.InvariantCulture);
        return (hours, eventType) switch
        {
            (not null, not null) => $"wait for {eventType} (up to {hours}h)",
            (not null, null) => $"wait {hours}h",
            (null, not null) => $"wait for {eventType}",
            _ => "wait (no delay or event configured)",
        };
    }

    public static string UnsupportedNode(string type) => $"unsupported node type '{type}'";
}
