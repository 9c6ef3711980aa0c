using System.Text.Json;
using Waymark.Domain.Runtime;
using Waymark.Server.Persistence;

namespace Waymark.Server.Runtime;

/// <summary>
/// A history row to append: the node an enrollment entered and what was decided there, with
/// the effect the step asked for and the offer that was current at that step (what a delivery sends).
/// </summary>
public sealed record NewStep(int Sequence, string NodeId, string NodeType, string Decision, string? Inputs, StepEffect? Effect, JsonElement? Offer);

/// <summary>
/// Everything one pass did to one enrollment, computed before anything is written: its new state,
/// the steps it took, and where it dropped off if it left without completing.
/// </summary>
public sealed record EnrollmentChange(
    Enrollment Before,
    string Status,
    string? ExitReason,
    string? CurrentNodeId,
    DateTime? ResumeAt,
    string? WaitingForEvent,
    DateTime? WaitStartedAt,
    DateTime? EndedAt,
    string? Context,
    IReadOnlyList<NewStep> Steps,
    string? DropoffNodeId)
{
    public int StepCount => Before.StepCount + Steps.Count;
}
