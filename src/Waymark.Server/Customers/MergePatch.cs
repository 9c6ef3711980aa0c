using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Waymark.Server.Customers;

/// <summary>
/// JSON merge patch (RFC 7396): objects merge recursively, <c>null</c> deletes a key, anything
/// else (arrays included) replaces the value whole. A key given twice counts once, the last one
/// winning, in the target as in the patch.
/// </summary>
public static class MergePatch
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The compact JSON text of <paramref name="target"/> (null: nothing yet) with <paramref name="patch"/> applied.</summary>
    public static string Apply(JsonElement? target, JsonElement patch)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, target, patch);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The compact JSON text of a value, stored as it was given.</summary>
    public static string Compact(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            value.WriteTo(writer);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement? target, JsonElement patch)
    {
        if (patch.ValueKind != JsonValueKind.Object)
        {
            patch.WriteTo(writer);
            return;
        }
        var changes = LastByName(patch);
        var existing = target is { ValueKind: JsonValueKind.Object } t ? LastByName(t) : [];
        writer.WriteStartObject();
        foreach (var (name, value) in existing)
        {
            if (!changes.TryGetValue(name, out var change))
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
            else if (change.ValueKind != JsonValueKind.Null)
            {
                writer.WritePropertyName(name);
                Write(writer, value, change);
            }
        }
        foreach (var (name, change) in changes)
        {
            if (change.ValueKind == JsonValueKind.Null || existing.ContainsKey(name)) continue;
            writer.WritePropertyName(name);
            // Merging into nothing still drops the nulls nested in an object.
            Write(writer, null, change);
        }
        writer.WriteEndObject();
    }

    // Keys in the order they first appear, each with its last value.
    private static OrderedDictionary<string, JsonElement> LastByName(JsonElement value)
    {
        var properties = new OrderedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject()) properties[property.Name] = property.Value;
        return properties;
    }
}
