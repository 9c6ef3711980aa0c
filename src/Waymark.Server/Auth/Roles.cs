namespace Waymark.Server.Auth;

/// <summary>viewer &lt; editor &lt; admin (SPEC §1).</summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Editor = "editor";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Viewer, Editor, Admin];

    public static bool IsKnown(string? role) => Rank(role) > 0;

    public static int Rank(string? role) => role switch
    {
        Viewer => 1,
        Editor => 2,
        Admin => 3,
        _ => 0,
    };
}
