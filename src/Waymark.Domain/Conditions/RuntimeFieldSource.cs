using System.Text.Json;

namespace Waymark.Domain.Conditions;

// The runtime's view of a condition's fields: "event.x" reads the properties of the event that
// started or last resumed the enrollment, "decision.x" the last NBA decision, and any other path
// the customer's attributes. A customer attribute literally named "event" or "decision" is
// therefore only reachable as a whole, never through these prefixes.
public sealed class RuntimeFieldSource : IFieldSource
{
    public const string EventPrefix = "event.";
    public const string DecisionPrefix = "decision.";

    private readonly JsonElement? customer;
    private readonly JsonElement? eventProperties;
    private readonly JsonFieldSource customerSource;
    private readonly JsonFieldSource eventSource;
    private readonly JsonFieldSource decisionSource;

    public RuntimeFieldSource(JsonElement? customer, JsonElement? eventProperties, JsonElement? decision)
    {
        this.customer = customer;
        this.eventProperties = eventProperties;
        customerSource = new JsonFieldSource(customer ?? default);
        eventSource = new JsonFieldSource(eventProperties ?? default);
        decisionSource = new JsonFieldSource(decision ?? default);
    }

    // The same customer and event with a newer decision: what later steps of a pass read.
    public RuntimeFieldSource WithDecision(JsonElement? decision) => new(customer, eventProperties, decision);

    public bool TryGet(string path, out JsonElement value)
    {
        if (path.StartsWith(EventPrefix, StringComparison.Ordinal))
        {
            return eventSource.TryGet(path[EventPrefix.Length..], out value);
        }

        if (path.StartsWith(DecisionPrefix, StringComparison.Ordinal))
        {
            return decisionSource.TryGet(path[DecisionPrefix.Length..], out value);
        }

        return customerSource.TryGet(path, out value);
    }
}
