using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Waymark.Domain.Runtime;
using Waymark.Server.Deliveries;
using Waymark.Server.Enrollments;
using Waymark.Server.Persistence;

namespace Waymark.Server.Runtime;

/// <summary>
/// Turns the channel_action steps of a batch into outbox rows, written in the step's own
/// transaction with one statement. The idempotency key (enrollment, node, sequence) is unique in
/// the database, so a step applied once enqueues exactly one delivery.
/// </summary>
public static class OutboxWrites
{
    public static List<Delivery> Plan(
        IReadOnlyList<EnrollmentChange> changes, IReadOnlyDictionary<string, IReadOnlyList<Channel>> channelsByTenant,
        IReadOnlyDictionary<string, string> journeyNames, IReadOnlyDictionary<(string Tenant, string Customer), JsonElement> customers,
        TimeProvider clock, DateTime now)
    {
        var deliveries = new List<Delivery>();
        foreach (var change in changes)
        {
            var e = change.Before;
            foreach (var step in change.Steps)
            {
                if (step.Effect is not Deliver deliver) continue;
                var channel = ChannelDirectory.Resolve(channelsByTenant.GetValueOrDefault(e.TenantId) ?? [], deliver.Channel, deliver.ChannelId);
                var reason = channel is not null ? null
                    : deliver.ChannelId is not null ? $"channel '{deliver.ChannelId}' is not an active channel of this tenant"
                    : $"the tenant has no active {deliver.Channel} channel";
                deliveries.Add(new Delivery
                {
                    Id = Ids.New("dlv", clock),
                    TenantId = e.TenantId,
                    IdempotencyKey = $"{e.Id}:{step.NodeId}:{step.Sequence}",
                    JourneyId = e.JourneyId,
                    EnrollmentId = e.Id,
                    NodeId = step.NodeId,
                    StepSequence = step.Sequence,
                    CustomerId = e.CustomerId,
                    ChannelId = channel?.Id,
                    ChannelType = channel?.ChannelType ?? deliver.Channel ?? "unknown",
                    OfferId = step.Offer is { } offer && offer.TryGetProperty("offerId", out var id) ? id.GetString() : null,
                    Status = channel is null ? DeliveryStatus.Undeliverable : DeliveryStatus.Pending,
                    Reason = reason,
                    Payload = Payload(e, step, journeyNames, customers),
                    DueAt = channel is null ? null : now,
                    CreatedAt = now,
                    UpdatedAt = now,
                });
            }
        }
        return deliveries;
    }

    // What templates read: the customer's attributes, the offer current at the step, the journey.
    private static string Payload(Enrollment e, NewStep step, IReadOnlyDictionary<string, string> journeyNames,
        IReadOnlyDictionary<(string Tenant, string Customer), JsonElement> customers)
    {
        JsonNode? offer = null;
        if (step.Offer is { ValueKind: JsonValueKind.Object } decided)
        {
            offer = new JsonObject
            {
                ["id"] = decided.TryGetProperty("offerId", out var id) ? id.GetString() : null,
                ["name"] = decided.TryGetProperty("name", out var name) ? name.GetString() : null,
                ["content"] = decided.TryGetProperty("content", out var content) ? JsonNode.Parse(content.GetRawText()) : new JsonObject(),
            };
        }
        var payload = new JsonObject
        {
            ["customer"] = customers.TryGetValue((e.TenantId, e.CustomerId), out var attributes) ? JsonNode.Parse(attributes.GetRawText()) : new JsonObject(),
            ["offer"] = offer,
            ["journey"] = new JsonObject { ["id"] = e.JourneyId, ["name"] = journeyNames.GetValueOrDefault(e.JourneyId) },
            ["customerId"] = e.CustomerId,
        };
        return payload.ToJsonString();
    }

    public static async Task InsertAsync(WaymarkDbContext db, IDbContextTransaction transaction, IReadOnlyList<Delivery> deliveries, CancellationToken ct)
    {
        if (deliveries.Count == 0) return;
        var d = db.Dialect;
        await using var command = Counters.Command(db.Database.GetDbConnection(), transaction);
        var source = d.Rows(command, "r",
            ["id", "tenant_id", "idempotency_key", "journey_id", "enrollment_id", "node_id", "step_sequence", "customer_id",
             "channel_id", "channel_type", "offer_id", "status", "reason", "payload", "due_at", "created_at"],
            [.. deliveries.Select(x => new[]
            {
                x.Id, x.TenantId, x.IdempotencyKey, x.JourneyId, x.EnrollmentId, x.NodeId, SqlDialect.Text(x.StepSequence), x.CustomerId,
                x.ChannelId, x.ChannelType, x.OfferId, x.Status, x.Reason, x.Payload, d.Text(x.DueAt), d.Text(x.CreatedAt),
            })]);
        command.CommandText = $"""
            INSERT INTO deliveries (id, tenant_id, idempotency_key, journey_id, enrollment_id, node_id, step_sequence, customer_id,
                                    channel_id, channel_type, offer_id, status, reason, payload, attempts, due_at, created_at, updated_at)
            SELECT r.id, r.tenant_id, r.idempotency_key, r.journey_id, r.enrollment_id, r.node_id, {d.Integer("r.step_sequence")}, r.customer_id,
                   r.channel_id, r.channel_type, r.offer_id, r.status, r.reason, r.payload, 0, {d.Timestamp("r.due_at")},
                   {d.Timestamp("r.created_at")}, {d.Timestamp("r.created_at")}
            FROM {source}
            """;
        await command.ExecuteNonQueryAsync(ct);
    }
}
