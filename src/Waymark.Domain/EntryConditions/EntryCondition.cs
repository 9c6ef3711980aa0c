using Waymark.Domain.Conditions;

namespace Waymark.Domain.EntryConditions;

// A journey's entryCondition as the runtime uses it: the event type that enters customers
// and a condition on that event's properties. Either may be absent.
public sealed record EntryCondition(string? Event, Condition? Condition);
