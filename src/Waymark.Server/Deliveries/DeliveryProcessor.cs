using System.Diagnostics;
using Microsoft.Extensions.Options;
using Polly;
using Waymark.Domain.Definitions;
using Waymark.Server.Channels;
using Waymark.Server.Persistence;

namespace Waymark.Server.Deliveries;

/// <summary>
/// One claimed delivery, start to end of a pass: checks the channel, defers it in quiet hours,
/// suppresses it over the frequency cap, renders it, and sends it with retries, recording each
/// try. Every write is guarded by the lease (<see cref="DeliveryWrites"/>).
/// </summary>
public sealed class DeliveryProcessor(
    IServiceScopeFactory scopes, HttpChannelSender http, SmtpChannelSender smtp, TimeProvider clock, IOptions<DeliveryOptions> options)
{
    private readonly ResiliencePipeline<SendResult> _pipeline = SendPipeline.Build(options.Value, clock);

    public async Task ProcessAsync(string owner, Delivery delivery, Channel? channel, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        var now = clock.UtcNow();
        if (!await DeliveryWrites.RenewAsync(db, delivery.Id, owner, LeaseUntil(), ct)) return;
        var attempts = delivery.Attempts;

        if (channel is null || channel.TenantId != delivery.TenantId)
        {
            await SettleAsync(new Settlement(DeliveryStatus.Undeliverable, $"channel '{delivery.ChannelId}' no longer exists"), null);
            return;
        }
        if (channel.Status != ChannelStatus.Active)
        {
            await SettleAsync(new Settlement(DeliveryStatus.Undeliverable, $"channel '{channel.Name}' is {channel.Status}"), null);
            return;
        }

        var payload = DeliveryPayload.Parse(delivery.Payload, delivery.CustomerId);
        // Quiet hours first: the cap is counted when the message would really go out.
        if (ContactRules.QuietUntil(channel, payload, now) is { } quiet)
        {
            var reason = $"{quiet.Reason}: deferred to {Api.JsonDefaults.Format(quiet.Until)}";
            await SettleAsync(new Settlement(DeliveryStatus.Pending, reason, DueAt: quiet.Until), Note(AttemptOutcome.Deferred, reason));
            return;
        }
        if (await ContactRules.CapReachedAsync(db, channel, delivery, now, ct) is { } capped)
        {
            await SettleAsync(new Settlement(DeliveryStatus.Suppressed, capped), Note(AttemptOutcome.Suppressed, capped));
            return;
        }

        var (message, renderError) = await MessageRenderer.RenderAsync(MessageTemplate.FromJson(channel.Template), payload, clock);
        var (to, addressError) = Address(channel.ChannelType, payload);
        if ((renderError ?? addressError) is { } permanent)
        {
            await SettleAsync(new Settlement(DeliveryStatus.Failed, permanent), Note(AttemptOutcome.Failed, permanent));
            return;
        }

        var outgoing = new OutgoingMessage(delivery, channel, ProviderConfig.FromJson(channel.ProviderConfig), payload, message!, to!);
        var body = ProviderConfig.UsesHttp(channel.ChannelType) ? HttpChannelSender.Body(outgoing) : "";
        var held = true;
        var last = await _pipeline.ExecuteAsync(async token =>
        {
            var started = Stopwatch.GetTimestamp();
            var result = await SendOnceAsync(db, outgoing, body, token);
            var at = clock.UtcNow();
            var row = new DeliveryAttempt
            {
                DeliveryId = delivery.Id,
                Attempt = ++attempts,
                At = at,
                Outcome = result.Success ? AttemptOutcome.Sent : AttemptOutcome.Failed,
                StatusCode = result.StatusCode,
                Error = result.Error,
                DurationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            };
            held = await DeliveryWrites.RecordAttemptAsync(db, owner, row, at, LeaseUntil(), token);
            // Another dispatcher took the delivery over: stop trying, it carries on from here.
            return held ? result : result with { Transient = false };
        }, ct);
        if (!held) return;
        await SettleAsync(last.Success
            ? new Settlement(DeliveryStatus.Sent, null, SentAt: clock.UtcNow())
            : new Settlement(DeliveryStatus.Failed, last.Error), null);

        DeliveryAttempt Note(string outcome, string reason) =>
            new() { DeliveryId = delivery.Id, Attempt = ++attempts, At = now, Outcome = outcome, Error = reason };

        Task<bool> SettleAsync(Settlement settlement, DeliveryAttempt? attempt) =>
            DeliveryWrites.SettleAsync(db, delivery.Id, owner, settlement, attempts, attempt, clock.UtcNow(), ct);
    }

    private Task<SendResult> SendOnceAsync(WaymarkDbContext db, OutgoingMessage m, string body, CancellationToken ct) => m.Channel.ChannelType switch
    {
        ChannelTypes.Email => smtp.SendAsync(m, ct),
        ChannelTypes.InApp => InboxSender.SendAsync(db, m, clock, ct),
        _ => http.SendAsync(m, body, ct),
    };

    /// <summary>Where the message goes: email needs the customer's email attribute; sms and push fall back to the customer id.</summary>
    private static (string? To, string? Error) Address(string channelType, DeliveryPayload payload)
    {
        switch (channelType)
        {
            case ChannelTypes.Email:
                var email = payload.Attribute("email");
                if (email is null) return (null, "the customer has no email attribute");
                return ProviderConfigInput.IsEmailAddress(email) ? (email, null) : (null, $"the customer's email attribute '{email}' is not an email address");
            case ChannelTypes.Sms:
                return (payload.Attribute("phone") ?? payload.CustomerId, null);
            case ChannelTypes.Push:
                return (payload.Attribute("pushToken") ?? payload.CustomerId, null);
            default:
                return (payload.CustomerId, null);
        }
    }

    private DateTime LeaseUntil() => clock.UtcNow().AddSeconds(Math.Max(1, options.Value.LeaseSeconds));
}
