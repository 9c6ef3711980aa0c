namespace Waymark.Server.Persistence;

// Offers, decision flows and the decisions they made. JSON-shaped settings (conditions,
// weights, content) are kept as text, validated when they are saved.

public sealed class Offer
{
    public required string Id { get; set; }
    public required string TenantId { get; set; }
    public required string Name { get; set; }
    public required string Status { get; set; }
    public string? Category { get; set; }

    /// <summary>JSON array of channel types the offer may go out on; empty means all.</summary>
    public required string Channels { get; set; }

    /// <summary>A condition on the customer (JSON), or null when every customer qualifies.</summary>
    public string? Qualification { get; set; }

    public double Propensity { get; set; }
    public double BusinessValue { get; set; }
    public int Priority { get; set; }
    public DateTime? StartAt { get; set; }
    public DateTime? EndAt { get; set; }

    /// <summary>Free JSON used by templates: title, body, url, image, …</summary>
    public required string Content { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public sealed class DecisionFlow
{
    public required string Id { get; set; }
    public required string TenantId { get; set; }

    /// <summary>Unique per tenant; what nba_decision nodes and recommend calls name.</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }

    /// <summary>The flow's settings as JSON: candidates, filters, contactPolicy, weights, limit.</summary>
    public required string Settings { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>An offer recommended to a customer: the record the contact policy reads.</summary>
public sealed class Decision
{
    public required string Id { get; set; }
    public required string TenantId { get; set; }
    public required string CustomerId { get; set; }
    public required string OfferId { get; set; }
    public required string DecisionFlowKey { get; set; }
    public int Rank { get; set; }
    public double Score { get; set; }
    public string? Channel { get; set; }
    public string? JourneyId { get; set; }
    public string? EnrollmentId { get; set; }
    public DateTime CreatedAt { get; set; }
}
