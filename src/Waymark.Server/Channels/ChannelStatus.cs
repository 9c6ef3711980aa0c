namespace Waymark.Server.Channels;

/// <summary>Only active channels receive new deliveries; an inactive one keeps its history.</summary>
public static class ChannelStatus
{
    public const string Active = "active";
    public const string Inactive = "inactive";

    public static IReadOnlyList<string> All { get; } = [Active, Inactive];

    public static bool IsKnown(string status) => All.Contains(status, StringComparer.Ordinal);
}
