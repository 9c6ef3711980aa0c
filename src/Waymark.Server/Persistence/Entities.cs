namespace Waymark.Server.Persistence;

// The stored shapes. JSON documents (definitions, conditions, context) are kept as text so that
// editor-owned keys come back exactly as they were sent, on both providers.

public sealed class Journey
{
    public required string Id { get; set; }
    public required string TenantId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public required string Status { get; set; }
    public int MaxDurationDays { get; set; }
    public string? EntryCondition { get; set; }

    /// <summary>The event type that enters customers (entryCondition.event, else the entry node's eventType); indexed.</summary>
    public string? EntryEvent { get; set; }

    public required string Definition { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>Every definition a journey has had; enrollments run on the version they started with.</summary>
public sealed class JourneyVersion
{
    public required string JourneyId { get; set; }
    public int Version { get; set; }
    public required string Definition { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class Enrollment
{
    public required string Id { get; set; }
    public required string TenantId { get; set; }
    public required string JourneyId { get; set; }
    public int JourneyVersion { get; set; }
    public required string CustomerId { get; set; }
    public required string Status { get; set; }
    public string? ExitReason { get; set; }
    public string? CurrentNodeId { get; set; }
    public DateTime? ResumeAt { get; set; }
    public string? WaitingForEvent { get; set; }

    /// <summary>When the current wait began: an event that happened before it does not end it.</summary>
    public DateTime? WaitStartedAt { get; set; }
    public DateTime EnrolledAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Sequence number of the last history row; the next step is StepCount + 1.</summary>
    public int StepCount { get; set; }

    /// <summary>Event and decision context as JSON, read by conditions (SPEC §5).</summary>
    public string? Context { get; set; }

    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }
}

/// <summary>One node an enrollment entered. (EnrollmentId, Sequence) is the step's unique key.</summary>
public sealed class EnrollmentStep
{
    public required string EnrollmentId { get; set; }
    public int Sequence { get; set; }
    public required string NodeId { get; set; }
    public required string NodeType { get; set; }
    public required string Decision { get; set; }
    public string? Inputs { get; set; }
    public DateTime At { get; set; }
}

/// <summary>Funnel counters, updated in the same transaction as the change they count.</summary>
public sealed class JourneyCounters
{
    public required string JourneyId { get; set; }
    public long TotalEntries { get; set; }
    public long Active { get; set; }
    public long Completed { get; set; }
    public long Exited { get; set; }
}

public sealed class NodeCounter
{
    public required string JourneyId { get; set; }
    public required string NodeId { get; set; }
    public long Reached { get; set; }
    public long Dropoff { get; set; }
}

/// <summary>A customer's attributes, read by condition splits when they run.</summary>
public sealed class Customer
{
    public required string TenantId { get; set; }
    public required string CustomerId { get; set; }

    /// <summary>A JSON object.</summary>
    public required string Attributes { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>An ingested event. A client-given EventId is unique per tenant, so a retried event counts once.</summary>
public sealed class CustomerEvent
{
    public required string Id { get; set; }
    public required string TenantId { get; set; }
    public string? EventId { get; set; }
    public required string EventType { get; set; }
    public required string CustomerId { get; set; }
    public string? Properties { get; set; }
    public DateTime OccurredAt { get; set; }
    public DateTime ReceivedAt { get; set; }
}

public sealed class ApiKey
{
    public required string Id { get; set; }
    public required string TenantId { get; set; }
    public required string Role { get; set; }
    public string? Name { get; set; }

    /// <summary>The first characters of the key, enough to recognise it in a listing.</summary>
    public required string Prefix { get; set; }

    /// <summary>HMAC-SHA256 of the whole key under the server secret, hex.</summary>
    public required string Hash { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

public sealed class ServerSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
}
