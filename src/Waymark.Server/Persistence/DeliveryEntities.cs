namespace Waymark.Server.Persistence;

public sealed class Channel
{
    public required string Id { get; set; }
    public required string TenantId { get; set; }

    /// <summary>Unique per tenant.</summary>
    public required string Name { get; set; }

    public required string ChannelType { get; set; }
    public required string Status { get; set; }

    /// <summary>Provider settings as JSON, secrets included; never returned by the API.</summary>
    public required string ProviderConfig { get; set; }

    /// <summary>{"subject", "body"} Liquid templates as JSON.</summary>
    public required string Template { get; set; }

    /// <summary>At most this many deliveries per customer in <see cref="FrequencyCapHours"/>, across journeys.</summary>
    public int? FrequencyCapCount { get; set; }
    public int? FrequencyCapHours { get; set; }

    /// <summary>Quiet hours as JSON {"start": "21:00", "end": "08:00", "timezone": "Europe/Berlin"}.</summary>
    public string? QuietHours { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// The outbox: one row per message a channel_action asked for, written in the step's own
/// transaction. IdempotencyKey = enrollment:node:sequence, unique, so a step applied once
/// enqueues exactly one delivery.
/// </summary>
public sealed class Delivery
{
    public required string Id { get; set; }
    public required string TenantId { get; set; }
    public required string IdempotencyKey { get; set; }
    public string? JourneyId { get; set; }
    public string? EnrollmentId { get; set; }
    public string? NodeId { get; set; }
    public int StepSequence { get; set; }
    public required string CustomerId { get; set; }
    public string? ChannelId { get; set; }
    public required string ChannelType { get; set; }
    public string? OfferId { get; set; }

    /// <summary>pending, sent, failed, suppressed, undeliverable.</summary>
    public required string Status { get; set; }

    public string? Reason { get; set; }

    /// <summary>What templates read: customer, offer, journey (JSON), captured when the step ran.</summary>
    public required string Payload { get; set; }

    public int Attempts { get; set; }

    /// <summary>When the dispatcher should next try it (indexed while pending).</summary>
    public DateTime? DueAt { get; set; }

    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}

public sealed class DeliveryAttempt
{
    public required string DeliveryId { get; set; }
    public int Attempt { get; set; }
    public DateTime At { get; set; }

    /// <summary>sent, failed, suppressed, deferred.</summary>
    public required string Outcome { get; set; }

    public int? StatusCode { get; set; }
    public string? Error { get; set; }
    public double DurationMs { get; set; }
}

/// <summary>An in-app message, shown by GET /customers/{id}/inbox.</summary>
public sealed class InboxMessage
{
    public required string Id { get; set; }
    public required string TenantId { get; set; }
    public required string CustomerId { get; set; }

    /// <summary>Unique: a delivery lands in the inbox once, however often it is sent.</summary>
    public required string DeliveryId { get; set; }

    public string? Subject { get; set; }
    public required string Body { get; set; }
    public string? OfferId { get; set; }
    public DateTime CreatedAt { get; set; }
}
