namespace Waymark.Domain.Runtime;

// What a step asks the runner to carry out. The step only names it; the runner performs it,
// after recording the step, so a retried pass cannot perform it twice.
public abstract record StepEffect;

public sealed record RequestDecision(string DecisionFlowId) : StepEffect;

// Either may be null in a draft; a valid definition gives at least one.
public sealed record Deliver(string? Channel, string? ChannelId) : StepEffect;
