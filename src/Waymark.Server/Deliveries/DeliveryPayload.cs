using System.Text.Json;
using System.Text.Json.Nodes;

namespace Waymark.Server.Deliveries;

/// <summary>
/// What a delivery's templates read, captured by the runtime when the step ran:
/// <c>{"customer": {attributes}, "offer": {"id", "name", "content"} | null, "journey": {"id", "name"}, "customerId"}</c>.
/// </summary>
public sealed record DeliveryPayload(JsonObject Customer, JsonObject? Offer, JsonObject Journey, string CustomerId)
{
    /// <returns>Null when the text is not a JSON object.</returns>
    public static DeliveryPayload? TryParse(string json, string customerId)
    {
        JsonObject root;
        try
        {
            if (JsonNode.Parse(json) is not JsonObject parsed) return null;
            root = parsed;
        }
        catch (JsonException)
        {
            return null;
        }
        return new DeliveryPayload(
            Take(root, "customer") ?? [],
            Take(root, "offer"),
            Take(root, "journey") ?? [],
            root["customerId"]?.GetValueKind() == JsonValueKind.String ? root["customerId"]!.GetValue<string>() : customerId);
    }

    /// <summary>A non-blank string attribute of the customer, or null.</summary>
    public string? Attribute(string name) =>
        Customer[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String
        && value.GetValue<string>() is { } text && !string.IsNullOrWhiteSpace(text) ? text : null;

    // Detached from the root, so each part can be handed on (to a template, into a request body) on its own.
    private static JsonObject? Take(JsonObject root, string name)
    {
        if (root[name] is not JsonObject part) return null;
        root.Remove(name);
        return part;
    }
}
