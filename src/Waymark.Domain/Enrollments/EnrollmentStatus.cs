namespace Waymark.Domain.Enrollments;

/// <summary>Where an enrollment stands (SPEC §7): active until it completes at an exit node or exits any other way.</summary>
public static class EnrollmentStatus
{
    public const string Active = "active";
    public const string Completed = "completed";
    public const string Exited = "exited";

    public static IReadOnlyList<string> All { get; } = [Active, Completed, Exited];
}
