using System.Globalization;
using System.Text.Json;

namespace Waymark.Domain.Conditions;

// Resolves dotted paths ("address.city", "orders.0.total"): a segment names a property of an
// object or, when it is a non-negative integer, an index into an array. JSON null is missing.
public sealed class JsonFieldSource(JsonElement root) : IFieldSource
{
    public bool TryGet(string path, out JsonElement value)
    {
        value = default;
        if (string.IsNullOrEmpty(path))
        {
            return false;
        }

        var current = root;
        foreach (var segment in path.Split('.'))
        {
            if (!TryStep(current, segment, out current))
            {
                return false;
            }
        }

        if (current.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return false;
        }

        value = current;
        return true;
    }

    private static bool TryStep(JsonElement current, string segment, out JsonElement next)
    {
        next = default;
        if (segment.Length == 0)
        {
            return false;
        }

        switch (current.ValueKind)
        {
            case JsonValueKind.Object:
                return current.TryGetProperty(segment, out next);
            case JsonValueKind.Array:
                if (int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    && index < current.GetArrayLength())
                {
                    next = current[index];
                    return true;
                }

                return false;
            default:
                return false;
        }
    }
}
