using System.Text.Json;
using Waymark.Domain;

namespace Waymark.Server.Api;

/// <summary>
/// Reads typed fields out of a JSON object, collecting a problem for every field that is wrong
/// instead of stopping at the first. Unknown keys are ignored (SPEC §1).
/// </summary>
/// <param name="prefix">Put before every field name, e.g. "[3]." for the fourth item of a batch.</param>
public sealed class FieldReader(JsonElement body, string prefix = "")
{
    private readonly List<Problem> _problems = [];

    public IReadOnlyList<Problem> Problems => _problems;

    public bool Valid => _problems.Count == 0;

    public void Add(string field, string message) => _problems.Add(new Problem(prefix + field, message));

    public void AddRange(IEnumerable<Problem> problems) => _problems.AddRange(problems);

    public bool Has(string name) => body.TryGetProperty(name, out _);

    public bool IsNull(string name) => body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Null;

    /// <summary>A string of <paramref name="min"/>–<paramref name="max"/> characters; null when absent (or null and allowed).</summary>
    public string? String(string name, bool required = false, int min = 0, int max = int.MaxValue, bool allowNull = false)
    {
        if (!body.TryGetProperty(name, out var value) || (allowNull && value.ValueKind == JsonValueKind.Null))
        {
            if (required) Add(name, "is required");
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            Add(name, "must be a string");
            return null;
        }
        var text = value.GetString()!;
        if (min > 0 && string.IsNullOrWhiteSpace(text))
        {
            Add(name, "must not be blank");
            return null;
        }
        if (text.Length < min || text.Length > max)
        {
            Add(name, min == max ? $"must be {max} characters" : $"must be {min}–{max} characters long (got {text.Length})");
            return null;
        }
        return text;
    }

    /// <summary>A whole number within [min, max]; null when absent.</summary>
    public int? Int(string name, int min, int max, bool required = false)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            if (required) Add(name, "is required");
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            Add(name, value.ValueKind == JsonValueKind.Number ? "must be a whole number" : "must be an integer");
            return null;
        }
        if (number < min || number > max)
        {
            Add(name, $"must be between {min} and {max} (got {number})");
            return null;
        }
        return number;
    }

    /// <summary>A JSON object; null when absent (or null and allowed).</summary>
    public JsonElement? Object(string name, bool allowNull = false)
    {
        if (!body.TryGetProperty(name, out var value) || (allowNull && value.ValueKind == JsonValueKind.Null)) return null;
        if (value.ValueKind != JsonValueKind.Object)
        {
            Add(name, "must be an object");
            return null;
        }
        return value;
    }

    /// <summary>An array of strings; null when absent.</summary>
    public IReadOnlyList<string>? StringArray(string name)
    {
        if (!body.TryGetProperty(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            Add(name, "must be an array of strings");
            return null;
        }
        var items = new List<string>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) Add($"{name}[{index}]", "must be a string");
            else items.Add(item.GetString()!);
            index++;
        }
        return items;
    }
}
