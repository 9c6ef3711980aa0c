using System.Text.Json;
using Waymark.Domain.Definitions;
using Waymark.Domain.EntryConditions;
using Waymark.Domain.Journeys;
using Waymark.Server.Api;

namespace Waymark.Server.Journeys;

/// <summary>
/// The fields of a create or update request, validated (SPEC §2). For an update every field is
/// optional; "Has…" tells an absent field (keep) from an explicit null (clear).
/// </summary>
public sealed class JourneyInput
{
    public const string EmptyDefinition = """{"nodes":[],"edges":[]}""";

    public string? Name { get; private init; }
    public bool HasDescription { get; private init; }
    public string? Description { get; private init; }
    public int? MaxDurationDays { get; private init; }
    public bool HasEntryCondition { get; private init; }
    public string? EntryCondition { get; private init; }
    public string? DefinitionJson { get; private init; }
    public JourneyDefinition? Definition { get; private init; }
    public string? Status { get; private init; }

    public static (JourneyInput Input, FieldReader Fields) Read(JsonElement body, bool isCreate)
    {
        var fields = new FieldReader(body);
        var name = fields.String("name", required: isCreate, min: 1, max: 255);
        var description = fields.String("description", max: 2000, allowNull: true);
        var maxDuration = fields.Int("maxDurationDays", 1, 365);
        var entryCondition = fields.Object("entryCondition", allowNull: true);
        if (entryCondition is { } condition)
        {
            fields.AddRange(EntryConditionParser.Validate(condition));
        }

        string? definitionJson = null;
        JourneyDefinition? definition = null;
        if (body.TryGetProperty("definition", out var rawDefinition))
        {
            var parsed = DefinitionParser.Parse(rawDefinition);
            fields.AddRange(parsed.Problems);
            if (parsed.IsValid)
            {
                definition = parsed.Definition;
                definitionJson = rawDefinition.GetRawText();
            }
        }

        string? status = null;
        if (!isCreate)
        {
            status = fields.String("status");
            if (status is not null && !JourneyStatus.IsKnown(status))
            {
                fields.Add("status", $"must be one of {string.Join(", ", JourneyStatus.All)} (got '{status}')");
                status = null;
            }
        }

        var input = new JourneyInput
        {
            Name = name,
            HasDescription = fields.Has("description"),
            Description = description,
            MaxDurationDays = maxDuration,
            HasEntryCondition = fields.Has("entryCondition"),
            EntryCondition = entryCondition?.GetRawText(),
            DefinitionJson = definitionJson,
            Definition = definition,
            Status = status,
        };
        return (input, fields);
    }
}
