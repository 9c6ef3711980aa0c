using System.Text.Json;
using Waymark.Domain.Definitions;
using Waymark.Server.Api;

namespace Waymark.Server.Channels;

/// <summary>
/// The fields of a channel create or update request, validated. On update every field is
/// optional; "Has…" tells an absent field (keep) from an explicit null (clear). The provider
/// config is read later, once the channel type it must fit is known (<see cref="ProviderConfigInput"/>).
/// </summary>
public sealed class ChannelInput
{
    public string? Name { get; private init; }
    public string? ChannelType { get; private init; }
    public string? Status { get; private init; }
    public JsonElement? ProviderConfig { get; private init; }
    public MessageTemplate? Template { get; private init; }
    public bool HasFrequencyCap { get; private init; }
    public (int Count, int Hours)? FrequencyCap { get; private init; }
    public bool HasQuietHours { get; private init; }
    public QuietHours? QuietHours { get; private init; }

    public static (ChannelInput Input, FieldReader Fields) Read(JsonElement body, bool isCreate)
    {
        var fields = new FieldReader(body);
        var name = fields.String("name", required: isCreate, min: 1, max: 255);
        var type = fields.String("channelType", required: isCreate);
        if (type is not null && !ChannelTypes.IsKnown(type))
        {
            fields.Add("channelType", $"must be one of {string.Join(", ", ChannelTypes.All)} (got '{type}')");
            type = null;
        }
        var status = fields.String("status");
        if (status is not null && !ChannelStatus.IsKnown(status))
        {
            fields.Add("status", $"must be one of {string.Join(", ", ChannelStatus.All)} (got '{status}')");
            status = null;
        }
        var input = new ChannelInput
        {
            Name = name,
            ChannelType = type,
            Status = status,
            ProviderConfig = fields.Object(ProviderConfigInput.Field),
            Template = ReadTemplate(fields),
            HasFrequencyCap = fields.Has("frequencyCap"),
            FrequencyCap = ReadFrequencyCap(fields),
            HasQuietHours = fields.Has("quietHours"),
            QuietHours = ReadQuietHours(fields),
        };
        return (input, fields);
    }

    /// <summary>What the channel's type requires of its template: a subject for email, a body for all but webhooks.</summary>
    public static void CheckTemplate(string channelType, MessageTemplate template, FieldReader fields)
    {
        if (channelType == ChannelTypes.Email && string.IsNullOrWhiteSpace(template.Subject))
        {
            fields.Add("template.subject", "is required for an email channel");
        }
        if (channelType != ChannelTypes.Webhook && string.IsNullOrWhiteSpace(template.Body))
        {
            fields.Add("template.body", $"is required for {channelType} channels");
        }
    }

    private static MessageTemplate? ReadTemplate(FieldReader parent)
    {
        if (parent.Object("template") is not { } element) return null;
        var fields = new FieldReader(element, "template.");
        var subject = fields.String("subject", max: MessageTemplate.MaxSubjectLength, allowNull: true);
        var body = fields.String("body", max: MessageTemplate.MaxBodyLength) ?? "";
        foreach (var (name, source) in new[] { ("subject", subject), ("body", body) })
        {
            if (source is not null && Liquid.SyntaxError(source) is { } error) fields.Add(name, $"is not a valid Liquid template: {error}");
        }
        parent.AddRange(fields.Problems);
        return fields.Valid ? new MessageTemplate(subject, body) : null;
    }

    private static (int, int)? ReadFrequencyCap(FieldReader parent)
    {
        if (parent.Object("frequencyCap", allowNull: true) is not { } element) return null;
        var fields = new FieldReader(element, "frequencyCap.");
        var count = fields.Int("count", 1, 10_000, required: true);
        var hours = fields.Int("hours", 1, 24 * 366, required: true);
        parent.AddRange(fields.Problems);
        return count is { } c && hours is { } h ? (c, h) : null;
    }

    private static QuietHours? ReadQuietHours(FieldReader parent)
    {
        if (parent.Object("quietHours", allowNull: true) is not { } element) return null;
        var fields = new FieldReader(element, "quietHours.");
        var start = ReadTime(fields, "start");
        var end = ReadTime(fields, "end");
        if (start is not null && start == end) fields.Add("end", "must differ from start");
        var timezone = fields.String("timezone", min: 1, max: 64) ?? QuietHours.DefaultTimezone;
        if (!TimeZones.TryFind(timezone, out _))
        {
            fields.Add("timezone", $"'{timezone}' is not a known time zone (use an IANA id such as Europe/Berlin, UTC, or an offset such as +05:30)");
        }
        parent.AddRange(fields.Problems);
        return fields.Valid ? new QuietHours(start!, end!, timezone) : null;
    }

    private static string? ReadTime(FieldReader fields, string name)
    {
        var text = fields.String(name, required: true);
        if (text is null) return null;
        if (QuietHours.TryParseTime(text, out _)) return text;
        fields.Add(name, $"must be a time of day as HH:mm (got '{text}')");
        return null;
    }
}
