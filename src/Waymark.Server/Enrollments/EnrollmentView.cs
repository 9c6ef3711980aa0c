using System.Text.Json;
using Waymark.Server.Journeys;
using Waymark.Server.Persistence;

namespace Waymark.Server.Enrollments;

/// <summary>An enrollment as lists show it: where the customer stands and why (nulls written).</summary>
public sealed record EnrollmentView(
    string Id,
    string JourneyId,
    int JourneyVersion,
    string CustomerId,
    string Status,
    string? ExitReason,
    string? CurrentNodeId,
    string? WaitingForEvent,
    DateTime? ResumeAt,
    DateTime EnrolledAt,
    DateTime ExpiresAt,
    DateTime? EndedAt)
{
    public static EnrollmentView From(Enrollment e) => new(
        e.Id, e.JourneyId, e.JourneyVersion, e.CustomerId, e.Status, e.ExitReason, e.CurrentNodeId,
        e.WaitingForEvent, e.ResumeAt, e.EnrolledAt, e.ExpiresAt, e.EndedAt);
}

/// <summary>One enrollment with the context its conditions read and every node it entered, in order.</summary>
public sealed record EnrollmentDetailView(
    string Id,
    string JourneyId,
    int JourneyVersion,
    string CustomerId,
    string Status,
    string? ExitReason,
    string? CurrentNodeId,
    string? WaitingForEvent,
    DateTime? ResumeAt,
    DateTime EnrolledAt,
    DateTime ExpiresAt,
    DateTime? EndedAt,
    JsonElement? Context,
    IReadOnlyList<EnrollmentStepView> History)
{
    public static EnrollmentDetailView From(Enrollment e, IEnumerable<EnrollmentStep> steps) => new(
        e.Id, e.JourneyId, e.JourneyVersion, e.CustomerId, e.Status, e.ExitReason, e.CurrentNodeId,
        e.WaitingForEvent, e.ResumeAt, e.EnrolledAt, e.ExpiresAt, e.EndedAt,
        e.Context is null ? null : JourneyStore.ParseJson(e.Context),
        [.. steps.Select(EnrollmentStepView.From)]);
}

/// <summary>A node the enrollment entered, what was decided there, and what the decision read.</summary>
public sealed record EnrollmentStepView(int Sequence, string NodeId, string NodeType, string Decision, JsonElement? Inputs, DateTime At)
{
    public static EnrollmentStepView From(EnrollmentStep s) =>
        new(s.Sequence, s.NodeId, s.NodeType, s.Decision, s.Inputs is null ? null : JourneyStore.ParseJson(s.Inputs), s.At);
}
