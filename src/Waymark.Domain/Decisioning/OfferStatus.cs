namespace Waymark.Domain.Decisioning;

// Only active offers are ever recommended; the others stay editable and visible.
public static class OfferStatus
{
    public const string Draft = "draft";
    public const string Active = "active";
    public const string Paused = "paused";
    public const string Archived = "archived";

    public static IReadOnlyList<string> All { get; } = [Draft, Active, Paused, Archived];

    public static bool IsKnown(string status) => All.Contains(status, StringComparer.Ordinal);
}
