using System.Text.Json;
using System.Text.RegularExpressions;
using Waymark.Domain.Decisioning;
using Waymark.Server.Api;

namespace Waymark.Server.Decisioning;

/// <summary>The fields of a decision flow create or update request, validated. On update every field is optional.</summary>
public sealed partial class DecisionFlowInput
{
    public string? Key { get; private init; }
    public string? Name { get; private init; }

    /// <summary>The settings in their stored form (<see cref="DecisionFlows.Canonical"/>); null when absent.</summary>
    public string? Settings { get; private init; }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex KeyPattern();

    public static (DecisionFlowInput Input, FieldReader Fields) Read(JsonElement body, bool isCreate)
    {
        var fields = new FieldReader(body);
        var key = fields.String("key", required: isCreate, min: 1, max: 64);
        if (key is not null && !KeyPattern().IsMatch(key))
        {
            fields.Add("key", "must be 1–64 characters of A-Z, a-z, 0-9, '.', '_' or '-'");
            key = null;
        }
        var name = fields.String("name", min: 1, max: 255);

        string? settings = null;
        if (body.TryGetProperty("settings", out var raw))
        {
            var (parsed, problems) = FlowSettingsParser.Parse(raw, "settings");
            fields.AddRange(problems);
            if (parsed is not null)
            {
                JsonElement? filters = raw.ValueKind == JsonValueKind.Object && raw.TryGetProperty("filters", out var f) ? f : null;
                settings = DecisionFlows.Canonical(parsed, filters);
            }
        }

        return (new DecisionFlowInput { Key = key, Name = name, Settings = settings }, fields);
    }
}
