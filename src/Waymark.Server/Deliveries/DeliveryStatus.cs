namespace Waymark.Server.Deliveries;

/// <summary>Where a delivery stands. Only <see cref="Pending"/> is due work; the others are final until a retry.</summary>
public static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Suppressed = "suppressed";
    public const string Undeliverable = "undeliverable";

    public static IReadOnlyList<string> All { get; } = [Pending, Sent, Failed, Suppressed, Undeliverable];

    public static bool IsKnown(string status) => All.Contains(status, StringComparer.Ordinal);
}

/// <summary>What one attempt came to.</summary>
public static class AttemptOutcome
{
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Deferred = "deferred";
    public const string Suppressed = "suppressed";
}
