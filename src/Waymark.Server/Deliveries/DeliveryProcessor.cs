using System.Diagnostics;
using Microsoft.Extensions.Options;
using Polly;
using Waymark.Domain.Definitions;
using Waymark.Server.Api;
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

    /// <summary>Why a delivery goes no further in this pass, and the attempt that records it (if any).</summary>
    private sealed record Stop(Settlement Settlement, string? Outcome = null);

    public async Task ProcessAsync(string owner, Delivery delivery, Channel? channel, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        if (!await DeliveryWrites.RenewAsync(db, delivery.Id, owner, LeaseUntil(), ct)) return;

        var attempts = delivery.Attempts;
        var (outgoing, stop) = await PrepareAsync(db, delivery, channel, ct);
        if (stop is not null)
        {
            var note = stop.Outcome is null ? null : new DeliveryAttempt
            {
                DeliveryId = delivery.Id, Attempt = ++attempts, At = clock.UtcNow(), Outcome = stop.Outcome, Error = stop.Settlement.Reason,
            };
            await DeliveryWrites.SettleAsync(db, delivery.Id, owner, stop.Settlement, attempts, note, clock.UtcNow(), ct);
            return;
        }

        var (last, tries, held) = await SendAsync(db, owner, outgoing!, attempts, ct);
        if (!held) return;
        var settlement = last.Success
            ? new Settlement(DeliveryStatus.Sent, null, SentAt: clock.UtcNow())
            : new Settlement(DeliveryStatus.Failed, last.Error);
        await DeliveryWrites.SettleAsync(db, delivery.Id, owner, settlement, tries, null, clock.UtcNow(), ct);
    }

    // Everything that can end the pass before a send; quiet hours come first, so that the cap is
    // counted when the message would really go out.
    private async Task<(OutgoingMessage? Outgoing, Stop? Stop)> PrepareAsync(WaymarkDbContext db, Delivery delivery, Channel? channel, CancellationToken ct)
    {
        if (channel is null || channel.TenantId != delivery.TenantId)
        {
            return (null, new Stop(new Settlement(DeliveryStatus.Undeliverable, $"channel '{delivery.ChannelId}' no longer exists")));
        }
        if (channel.Status != ChannelStatus.Active)
        {
            return (null, new Stop(new Settlement(DeliveryStatus.Undeliverable, $"channel '{channel.Name}' is {channel.Status}")));
        }
        var now = clock.UtcNow();
        if (DeliveryPayload.TryParse(delivery.Payload, delivery.CustomerId) is not { } payload)
        {
            return (null, new Stop(new Settlement(DeliveryStatus.Failed, "the delivery's payload is not a JSON object"), AttemptOutcome.Failed));
        }
        if (ContactRules.QuietUntil(channel, payload, now) is { } quiet)
        {
            var reason = $"{quiet.Reason}: deferred to {JsonDefaults.Format(quiet.Until)}";
            return (null, new Stop(new Settlement(DeliveryStatus.Pending, reason, DueAt: quiet.Until), AttemptOutcome.Deferred));
        }
        if (await ContactRules.CapReachedAsync(db, channel, delivery, now, ct) is { } capped)
        {
            return (null, new Stop(new Settlement(DeliveryStatus.Suppressed, capped), AttemptOutcome.Suppressed));
        }
        var (message, renderError) = await MessageRenderer.RenderAsync(MessageTemplate.FromJson(channel.Template), payload, clock);
        var (to, addressError) = Address(channel.ChannelType, payload);
        if ((renderError ?? addressError) is { } permanent)
        {
            return (null, new Stop(new Settlement(DeliveryStatus.Failed, permanent), AttemptOutcome.Failed));
        }
        return (new OutgoingMessage(delivery, channel, ProviderConfig.FromJson(channel.ProviderConfig), payload, message!, to!), null);
    }

    /// <returns>The last try's result, the attempts recorded in all, and whether the lease still held throughout.</returns>
    private async Task<(SendResult Last, int Attempts, bool Held)> SendAsync(
        WaymarkDbContext db, string owner, OutgoingMessage outgoing, int attempts, CancellationToken ct)
    {
        // Built once, so that every try sends the same bytes (signed afresh with its own timestamp).
        var body = ProviderConfig.UsesHttp(outgoing.Channel.ChannelType) ? HttpChannelSender.Body(outgoing) : "";
        var held = true;
        var last = await _pipeline.ExecuteAsync(async token =>
        {
            var started = Stopwatch.GetTimestamp();
            var result = await SendOnceAsync(db, outgoing, body, token);
            var at = clock.UtcNow();
            var row = new DeliveryAttempt
            {
                DeliveryId = outgoing.Delivery.Id,
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
        return (last, attempts, held);
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
