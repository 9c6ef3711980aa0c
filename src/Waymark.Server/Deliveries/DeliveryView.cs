using System.Text.Json;
using Waymark.Server.Journeys;
using Waymark.Server.Persistence;

namespace Waymark.Server.Deliveries;

/// <summary>A delivery as lists show it.</summary>
/// <param name="AttemptCount">Attempts recorded so far: tries, deferrals and suppressions.</param>
/// <param name="Reason">Why it was suppressed, deferred, undeliverable or failed (the last error).</param>
public sealed record DeliveryView(
    string Id,
    string IdempotencyKey,
    string? JourneyId,
    string? EnrollmentId,
    string? NodeId,
    string CustomerId,
    string? ChannelId,
    string ChannelType,
    string? OfferId,
    string Status,
    string? Reason,
    int AttemptCount,
    DateTime? DueAt,
    DateTime? SentAt,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static DeliveryView From(Delivery d) => new(
        d.Id, d.IdempotencyKey, d.JourneyId, d.EnrollmentId, d.NodeId, d.CustomerId, d.ChannelId, d.ChannelType, d.OfferId,
        d.Status, d.Reason, d.Attempts, d.Status == DeliveryStatus.Pending ? d.DueAt : null, d.SentAt, d.CreatedAt, d.UpdatedAt);
}

/// <summary>One delivery with every attempt, and the payload its templates read.</summary>
public sealed record DeliveryDetailView(
    string Id,
    string IdempotencyKey,
    string? JourneyId,
    string? EnrollmentId,
    string? NodeId,
    string CustomerId,
    string? ChannelId,
    string ChannelType,
    string? OfferId,
    string Status,
    string? Reason,
    int AttemptCount,
    DateTime? DueAt,
    DateTime? SentAt,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    JsonElement Payload,
    IReadOnlyList<DeliveryAttemptView> Attempts)
{
    public static DeliveryDetailView From(Delivery d, IEnumerable<DeliveryAttempt> attempts)
    {
        var v = DeliveryView.From(d);
        return new(v.Id, v.IdempotencyKey, v.JourneyId, v.EnrollmentId, v.NodeId, v.CustomerId, v.ChannelId, v.ChannelType, v.OfferId,
            v.Status, v.Reason, v.AttemptCount, v.DueAt, v.SentAt, v.CreatedAt, v.UpdatedAt,
            JourneyStore.ParseJson(d.Payload), [.. attempts.OrderBy(a => a.Attempt).Select(DeliveryAttemptView.From)]);
    }
}

/// <param name="Outcome">sent, failed, deferred or suppressed.</param>
/// <param name="StatusCode">The receiver's HTTP status or the SMTP reply code, when there was one.</param>
/// <param name="Error">What went wrong, for a failed try.</param>
/// <param name="Reason">Why it was deferred or suppressed.</param>
public sealed record DeliveryAttemptView(int Attempt, DateTime At, string Outcome, int? StatusCode, string? Error, string? Reason, double DurationMs)
{
    public static DeliveryAttemptView From(DeliveryAttempt a)
    {
        var isFailure = a.Outcome == AttemptOutcome.Failed;
        return new(a.Attempt, a.At, a.Outcome, a.StatusCode, isFailure ? a.Error : null, isFailure ? null : a.Error, Math.Round(a.DurationMs, 1));
    }
}

/// <summary>An in-app message in a customer's inbox.</summary>
public sealed record InboxMessageView(string Id, string DeliveryId, string? Subject, string Body, string? OfferId, DateTime CreatedAt)
{
    public static InboxMessageView From(InboxMessage m) => new(m.Id, m.DeliveryId, m.Subject, m.Body, m.OfferId, m.CreatedAt);
}
