using System.Globalization;
using System.Text.Json;
using Waymark.Domain.Conditions;
using Waymark.Domain.Decisioning;
using Waymark.Domain.Definitions;
using Waymark.Server.Api;
using Waymark.Server.Customers;
using Waymark.Server.Persistence;

namespace Waymark.Server.Offers;

/// <summary>
/// The fields of an offer create or update request, validated. For an update every field is
/// optional; "Has…" tells an absent field (keep) from an explicit null (clear).
/// </summary>
public sealed class OfferInput
{
    public const int MaxCategoryLength = 128;

    public string? Name { get; private init; }
    public string? Status { get; private init; }
    public bool HasCategory { get; private init; }
    public string? Category { get; private init; }

    /// <summary>Null when absent; JSON null reads as no restriction (empty).</summary>
    public IReadOnlyList<string>? Channels { get; private init; }

    public bool HasQualification { get; private init; }
    public string? Qualification { get; private init; }
    public double? Propensity { get; private init; }
    public double? BusinessValue { get; private init; }
    public int? Priority { get; private init; }
    public bool HasStartAt { get; private init; }
    public DateTime? StartAt { get; private init; }
    public bool HasEndAt { get; private init; }
    public DateTime? EndAt { get; private init; }

    /// <summary>Compact JSON text of the content object; null when absent. JSON null reads as <c>{}</c>.</summary>
    public string? Content { get; private init; }

    /// <param name="existing">The offer an update applies to (its schedule is checked together with the new one); null on create.</param>
    public static (OfferInput Input, FieldReader Fields) Read(JsonElement body, Offer? existing)
    {
        var fields = new FieldReader(body);
        var name = fields.String("name", required: existing is null, min: 1, max: 255);
        var status = fields.String("status");
        if (status is not null && !OfferStatus.IsKnown(status))
        {
            fields.Add("status", $"must be one of {string.Join(", ", OfferStatus.All)} (got '{status}')");
            status = null;
        }
        var category = fields.String("category", min: 1, max: MaxCategoryLength, allowNull: true);
        var channels = ReadChannels(body, fields);
        var qualification = ReadQualification(body, fields);
        var propensity = Number(body, fields, "propensity");
        var businessValue = Number(body, fields, "businessValue");
        // Any whole number here; OfferRules says what the range is.
        var priority = fields.Int("priority", int.MinValue, int.MaxValue);
        var (hasStart, startAt) = Timestamp(body, fields, "startAt");
        var (hasEnd, endAt) = Timestamp(body, fields, "endAt");
        var content = ReadContent(body, fields);

        // The schedule is checked as it will be stored: a new end against the kept start, and so on.
        var scheduleChanged = hasStart || hasEnd;
        fields.AddRange(OfferRules.Validate(
            propensity, businessValue, priority,
            scheduleChanged ? (hasStart ? startAt : existing?.StartAt) : null,
            scheduleChanged ? (hasEnd ? endAt : existing?.EndAt) : null));

        var input = new OfferInput
        {
            Name = name,
            Status = status,
            HasCategory = fields.Has("category"),
            Category = category,
            Channels = channels,
            HasQualification = fields.Has("qualification"),
            Qualification = qualification,
            Propensity = propensity,
            BusinessValue = businessValue,
            Priority = priority,
            HasStartAt = hasStart,
            StartAt = startAt,
            HasEndAt = hasEnd,
            EndAt = endAt,
            Content = content,
        };
        return (input, fields);
    }

    private static List<string>? ReadChannels(JsonElement body, FieldReader fields)
    {
        if (!body.TryGetProperty("channels", out var value)) return null;
        if (value.ValueKind == JsonValueKind.Null) return [];
        if (value.ValueKind != JsonValueKind.Array)
        {
            fields.Add("channels", $"must be an array of channel types ({string.Join(", ", ChannelTypes.All)})");
            return null;
        }
        var channels = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && ChannelTypes.IsKnown(item.GetString()!))
            {
                // A repeated channel allows nothing more; keep the first.
                if (!channels.Contains(item.GetString()!, StringComparer.Ordinal)) channels.Add(item.GetString()!);
            }
            else
            {
                fields.Add($"channels[{index}]", $"must be one of {string.Join(", ", ChannelTypes.All)}");
            }
            index++;
        }
        return channels;
    }

    private static string? ReadQualification(JsonElement body, FieldReader fields)
    {
        if (!body.TryGetProperty("qualification", out var value) || value.ValueKind == JsonValueKind.Null) return null;
        var parsed = ConditionParser.Parse(value, "qualification");
        fields.AddRange(parsed.Problems);
        return parsed.IsValid ? MergePatch.Compact(value) : null;
    }

    private static string? ReadContent(JsonElement body, FieldReader fields)
    {
        if (!body.TryGetProperty("content", out var value)) return null;
        if (value.ValueKind == JsonValueKind.Null) return "{}";
        if (value.ValueKind != JsonValueKind.Object)
        {
            fields.Add("content", "must be an object");
            return null;
        }
        return MergePatch.Compact(value);
    }

    private static double? Number(JsonElement body, FieldReader fields, string name)
    {
        if (!body.TryGetProperty(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number)) return number;
        fields.Add(name, "must be a number");
        return null;
    }

    /// <summary>An ISO-8601 instant truncated to the millisecond; (true, null) for an explicit null.</summary>
    private static (bool Has, DateTime? Value) Timestamp(JsonElement body, FieldReader fields, string name)
    {
        if (!body.TryGetProperty(name, out var value)) return (false, null);
        if (value.ValueKind == JsonValueKind.Null) return (true, null);
        if (value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            var utc = parsed.UtcDateTime;
            return (true, new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc));
        }
        fields.Add(name, "must be an ISO-8601 timestamp such as 2026-02-15T10:00:00.000Z, or null");
        return (true, null);
    }
}
