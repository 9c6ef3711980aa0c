using System.Text.Json;
using Waymark.Domain.Conditions;
using Waymark.Domain.Definitions;
using Waymark.Domain.Enrollments;
using Waymark.Domain.Runtime;
using Waymark.Server.Persistence;

namespace Waymark.Server.Runtime;

/// <summary>
/// Turns the engine's decisions for one due enrollment into the change to write. The one place
/// where a <see cref="StepOutcome"/> becomes enrollment state.
/// </summary>
public static class StepPlanner
{
    public const string MaxDuration = "max_duration";
    public const string Failed = "failed";

    public static EnrollmentChange Plan(Enrollment enrollment, JourneyDefinition? definition, JsonElement? customer, DateTime now, RecordingDecider? decider)
    {
        if (enrollment.ExpiresAt <= now) return Exit(enrollment, MaxDuration, now);
        if (definition is null) return Exit(enrollment, $"{Failed}: journey version {enrollment.JourneyVersion} is missing", now);

        var context = EnrollmentContext.Parse(enrollment.Context);
        var fields = new RuntimeFieldSource(customer, context.EventProperties, context.Decision);
        var run = StepExecutor.Run(definition, enrollment.CurrentNodeId ?? "", now, fields, decider);
        var steps = new List<NewStep>(run.Steps.Count);
        var offer = context.Decision;
        var decisions = 0;
        foreach (var step in run.Steps)
        {
            // Decisions were made in step order, so the n-th decision step made the n-th decision.
            if (step.Outcome.Effect is RequestDecision && decider is not null && decisions < decider.Made.Count)
            {
                offer = decider.Made[decisions++].Decision;
            }
            steps.Add(new NewStep(enrollment.StepCount + 1 + steps.Count, step.Node.Id, step.Node.Type, step.Outcome.Decision,
                Inputs(step.Outcome), step.Outcome.Effect, offer));
        }
        var lastNode = steps.Count > 0 ? steps[^1].NodeId : enrollment.CurrentNodeId;
        // The last decision becomes decision.* for later passes; "no offer" clears the previous one.
        var newContext = decisions > 0 ? (context with { Decision = offer }).ToJson() : enrollment.Context;

        return run.Final switch
        {
            Wait wait => new EnrollmentChange(enrollment, EnrollmentStatus.Active, null, lastNode,
                wait.Until, wait.EventType, now, null, newContext, steps, null),
            Complete complete => new EnrollmentChange(enrollment, EnrollmentStatus.Completed, complete.Reason, lastNode,
                null, null, null, now, newContext, steps, null),
            Fail fail => new EnrollmentChange(enrollment, EnrollmentStatus.Exited, $"{Failed}: {fail.Reason}", lastNode,
                null, null, null, now, newContext, steps, lastNode),
            var other => throw new InvalidOperationException($"A run cannot end with {other.GetType().Name}."),
        };
    }

    private static EnrollmentChange Exit(Enrollment enrollment, string reason, DateTime now) =>
        new(enrollment, EnrollmentStatus.Exited, reason, enrollment.CurrentNodeId, null, null, null, now,
            enrollment.Context, [], enrollment.CurrentNodeId);

    // The field values a condition read, so the history answers "why did this customer go that way?".
    private static string? Inputs(StepOutcome outcome) =>
        outcome.Inputs is { Count: > 0 } inputs ? JsonSerializer.Serialize(inputs) : null;
}
