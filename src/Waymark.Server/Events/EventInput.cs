using System.Globalization;
using System.Text.Json;
using Waymark.Server.Api;

namespace Waymark.Server.Events;

/// <summary>One event of a POST /events body, validated.</summary>
public sealed record EventInput(string EventType, string CustomerId, DateTime? Timestamp, JsonElement? Properties, string? EventId)
{
    public const int MaxBatch = 100;

    /// <summary>Reads one event object or an array of 1–100; every bad field is listed (<c>[3].eventType</c> in arrays).</summary>
    public static (List<EventInput> Events, List<Waymark.Domain.Problem> Problems) ReadAll(JsonElement body)
    {
        var events = new List<EventInput>();
        var problems = new List<Waymark.Domain.Problem>();
        if (body.ValueKind == JsonValueKind.Object)
        {
            Read(body, "", events, problems);
        }
        else if (body.ValueKind == JsonValueKind.Array && body.GetArrayLength() is > 0 and <= MaxBatch)
        {
            var index = 0;
            foreach (var item in body.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object) Read(item, $"[{index}].", events, problems);
                else problems.Add(new($"[{index}]", "must be an event object"));
                index++;
            }
        }
        else
        {
            problems.Add(new("body", $"must be an event object or an array of 1–{MaxBatch} of them"));
        }
        return (events, problems);
    }

    private static void Read(JsonElement item, string prefix, List<EventInput> events, List<Waymark.Domain.Problem> problems)
    {
        var fields = new FieldReader(item, prefix);
        var type = fields.String("eventType", required: true, min: 1, max: 128);
        var customer = fields.String("customerId", required: true, min: 1, max: 255);
        var rawTime = fields.String("timestamp", allowNull: true);
        DateTime? timestamp = null;
        if (rawTime is not null)
        {
            if (DateTimeOffset.TryParse(rawTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                timestamp = TruncateToMilliseconds(parsed.UtcDateTime);
            }
            else
            {
                fields.Add("timestamp", "must be an ISO-8601 timestamp such as 2026-02-15T10:00:00.000Z");
            }
        }
        var properties = fields.Object("properties", allowNull: true);
        var eventId = fields.String("eventId", min: 1, max: 128, allowNull: true);
        problems.AddRange(fields.Problems);
        if (fields.Valid) events.Add(new EventInput(type!, customer!, timestamp, properties, eventId));
    }

    private static DateTime TruncateToMilliseconds(DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
}

/// <summary>What happened to one event: its id in Waymark (streamId), whether it was a repeat, and its effect.</summary>
public sealed record EventResult(
    string EventType, string StreamId, string CustomerId, string? EventId, bool Duplicate, IReadOnlyList<string> Entered, int Resumed);

public sealed record EventsAccepted(int Accepted, IReadOnlyList<EventResult> Results);

/// <summary>The body: one event, or an array of up to 100.</summary>
/// <param name="EventType">Required, 1–128 characters.</param>
/// <param name="CustomerId">Required, 1–255 characters.</param>
/// <param name="Timestamp">When it happened (ISO-8601); default now.</param>
/// <param name="Properties">Free JSON, read by entry conditions and as event.* by splits.</param>
/// <param name="EventId">Your id for it: a repeated eventId is accepted once.</param>
public sealed record EventRequest(string EventType, string CustomerId, DateTime? Timestamp, JsonElement? Properties, string? EventId);
