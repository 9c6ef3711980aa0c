using System.Buffers;
using System.Text;
using System.Text.Json;
using Waymark.Domain.Decisioning;
using Waymark.Domain.Definitions;
using Waymark.Server.Journeys;

namespace Waymark.Server.Decisioning;

/// <summary>What every tenant's flows share: the implicit default-flow and the stored form of settings.</summary>
public static class DecisionFlows
{
    public const string DefaultKey = NodeConfig.DefaultDecisionFlowId;
    public const string DefaultName = "Default flow";

    /// <summary>The settings of the implicit default-flow, in their stored form.</summary>
    public static string DefaultSettings { get; } = Canonical(FlowSettings.Default, filters: null);

    /// <summary>
    /// Settings as they are stored and shown: every key present, defaults filled in, unknown keys
    /// dropped. Filters keep the JSON they were given, since conditions have no other text form.
    /// </summary>
    public static string Canonical(FlowSettings settings, JsonElement? filters)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("candidates");
            WriteStrings(writer, "offerIds", settings.OfferIds);
            WriteStrings(writer, "categories", settings.Categories);
            writer.WriteEndObject();
            writer.WritePropertyName("filters");
            if (filters is { ValueKind: JsonValueKind.Array } given) given.WriteTo(writer);
            else writer.WriteRawValue("[]");
            if (settings.ContactPolicyHours is { } hours)
            {
                writer.WriteStartObject("contactPolicy");
                writer.WriteNumber("hours", hours);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("contactPolicy");
            }
            writer.WriteStartObject("weights");
            writer.WriteNumber("propensity", settings.Weights.Propensity);
            writer.WriteNumber("relevance", settings.Weights.Relevance);
            writer.WriteNumber("impact", settings.Weights.Impact);
            writer.WriteNumber("emphasis", settings.Weights.Emphasis);
            writer.WriteEndObject();
            writer.WriteNumber("limit", settings.Limit);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Stored settings (validated when saved) as the engine runs them.</summary>
    public static FlowSettings ParseStored(string settings)
    {
        var (parsed, problems) = FlowSettingsParser.Parse(JourneyStore.ParseJson(settings), "settings");
        return parsed ?? throw new InvalidOperationException(
            $"Stored decision flow settings no longer parse: {string.Join("; ", problems.Select(p => $"{p.Field} {p.Message}"))}");
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }
}
