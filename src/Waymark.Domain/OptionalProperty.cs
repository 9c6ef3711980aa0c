using System.Text.Json;

namespace Waymark.Domain;

internal static class OptionalProperty
{
    // JSON null counts as absent: editors commonly write null for an unset optional key.
    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object
            && obj.TryGetProperty(name, out value)
            && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    public static string? NonEmptyString(JsonElement obj, string name) =>
        TryGet(obj, name, out var value) && value.ValueKind == JsonValueKind.String
            && value.GetString() is { } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : null;

    // Adds a problem when the key is present but not a non-empty string; absent is fine.
    public static void RequireNonEmptyStringIfPresent(JsonElement obj, string name, string prefix, List<Problem> problems)
    {
        if (TryGet(obj, name, out var value)
            && (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString())))
        {
            problems.Add(new Problem(ProblemPath.Child(prefix, name), "must be a non-empty string"));
        }
    }
}
