namespace Waymark.Domain.Definitions;

public static class ChannelTypes
{
    public const string Email = "email";
    public const string Sms = "sms";
    public const string Push = "push";
    public const string Webhook = "webhook";
    public const string InApp = "in_app";

    public static IReadOnlyList<string> All { get; } = [Email, Sms, Push, Webhook, InApp];

    public static bool IsKnown(string channel) => All.Contains(channel, StringComparer.Ordinal);
}
