namespace Waymark.Domain.Journeys;

/// <summary>The lifecycle of a journey (SPEC §2): draft → active ↔ paused → archived; archived is final.</summary>
public static class JourneyStatus
{
    public const string Draft = "draft";
    public const string Active = "active";
    public const string Paused = "paused";
    public const string Archived = "archived";

    public static IReadOnlyList<string> All { get; } = [Draft, Active, Paused, Archived];

    public static bool IsKnown(string status) => All.Contains(status, StringComparer.Ordinal);

    /// <summary>Whether a journey may move from <paramref name="from"/> to <paramref name="to"/>.
    /// Setting the current status again is allowed (a no-op) except that nothing leaves archived.</summary>
    public static bool CanMove(string from, string to) => (from, to) switch
    {
        _ when from == to => true,
        (Draft, Active) => true,
        (Active, Paused) or (Paused, Active) => true,
        (Draft or Active or Paused, Archived) => true,
        _ => false,
    };

    /// <summary>Live journeys run enrollments; their definition changes must pass activation rules.</summary>
    public static bool IsLive(string status) => status is Active or Paused;
}
