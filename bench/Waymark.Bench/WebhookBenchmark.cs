using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Waymark.Server.Channels;
using Waymark.Server.Deliveries;
using Waymark.Server.Persistence;

namespace Waymark.Bench;

/// <summary>
/// Webhook deliveries per second to a <see cref="WebhookSink"/>, against the sink's ceiling in the
/// same run. The ceiling is a plain loop of the same POST — the body the dispatcher builds for one
/// of the queued deliveries, its headers, signed afresh per request — through the dispatcher's own
/// named HttpClient, Delivery:Concurrency at a time; it is taken before and after the dispatcher.
/// The dispatcher works off a backlog written straight into the outbox in one go, shaped as a
/// channel_action step writes it; its background loop is off, so only the timed call sends. Both
/// first send 500 unmeasured.
/// </summary>
public static class WebhookBenchmark
{
    private const string Secret = "whsec_bench_0123456789abcdef";

    private sealed record SampleRequest(string Url, string Body, string DeliveryId, string IdempotencyKey);

    // Sent before anything is measured, by the dispatcher and by the ceiling's loop alike.
    private const int WarmUp = 500;

    /// <param name="settings">Extra server configuration, e.g. <c>Delivery:Concurrency=32</c>.</param>
    public static async Task RunAsync(string provider, int deliveries, params string[] settings)
    {
        await using var sink = await WebhookSink.StartAsync();
        await using var server = await BenchServer.StartAsync(provider, ["Runtime:Enabled=false", "Delivery:Enabled=false", .. settings]);
        var options = server.Services.GetRequiredService<IOptions<DeliveryOptions>>().Value;
        var dispatcher = server.Services.GetRequiredService<DeliveryDispatcher>();
        var channelId = await OfferCatalog.CreateWebhookChannelAsync(server.Client, sink.Url, Secret);
        await EnqueueAsync(server, channelId, "warm-", WarmUp);
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        await EnqueueAsync(server, channelId, "wh-", deliveries);
        await Driver.SettleAsync(server);
        var sample = await SampleAsync(server);
        await CeilingAsync(server, sink, sample, WarmUp, options.Concurrency);

        var before = await CeilingAsync(server, sink, sample, deliveries, options.Concurrency);
        var ceilingBytes = sink.MeanBodyBytes;
        sink.Reset();
        var postgres = server.Provider == "postgres";
        var xidBefore = postgres ? await Driver.NextTransactionIdAsync(server) : 0;
        var started = Stopwatch.GetTimestamp();
        var taken = await dispatcher.DispatchDueAsync(CancellationToken.None);
        var elapsed = Stopwatch.GetElapsedTime(started);
        long? writes = postgres ? await Driver.NextTransactionIdAsync(server) - xidBefore : null;
        var sent = await Driver.ScalarAsync(server, "SELECT COUNT(*) FROM deliveries WHERE status = 'sent' AND attempts = 1 AND customer_id LIKE 'wh-%'");
        if (taken != deliveries || sent != deliveries || sink.Received != deliveries)
        {
            throw new InvalidOperationException($"dispatcher took {taken}, {sent} sent at the first try, {sink.Received} received; expected {deliveries}");
        }
        var waymarkBytes = sink.MeanBodyBytes;
        var sends = await SendDurationsAsync(server);
        var after = await CeilingAsync(server, sink, sample, deliveries, options.Concurrency);

        var rate = deliveries / elapsed.TotalSeconds;
        var ceiling = (before + after) / 2;
        var perDelivery = writes is { } w ? string.Create(CultureInfo.InvariantCulture, $", {w} write transactions = {(double)w / deliveries:0.00}/delivery") : "";
        var size = deliveries.ToString("N0", CultureInfo.InvariantCulture);
        Report.Line(provider, $"webhooks, sink ceiling ({options.Concurrency} at once)", string.Create(CultureInfo.InvariantCulture,
            $"{before:N0}/s before, {after:N0}/s after ({size} POSTs each, {ceilingBytes:0} B bodies)"));
        Report.Line(provider, "webhooks via dispatcher", string.Create(CultureInfo.InvariantCulture,
            $"{rate:N0} deliveries/s ({size} in {elapsed.TotalSeconds:0.00} s, batch {options.BatchSize}, concurrency {options.Concurrency}, {waymarkBytes:0} B bodies{perDelivery})"));
        Report.Line(provider, "  each POST as the dispatcher timed it", new Stats(sends).ToString());
        Report.Line(provider, "webhooks dispatcher / ceiling", string.Create(CultureInfo.InvariantCulture,
            $"{rate / ceiling:0.0000} (the ceiling is {ceiling / rate:N0} times the dispatcher's rate)"));
    }

    /// <summary>Pending deliveries through one webhook channel, each to a customer of its own, due now. Not measured.</summary>
    private static async Task EnqueueAsync(BenchServer server, string channelId, string prefix, int count)
    {
        var clock = TimeProvider.System;
        var now = clock.UtcNow();
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        db.Deliveries.AddRange(Enumerable.Range(0, count).Select(i =>
        {
            var enrollment = $"enr_{Guid.NewGuid():N}";
            var customer = $"{prefix}{i:D6}";
            var payload = new JsonObject
            {
                ["customer"] = new JsonObject { ["firstName"] = $"Customer {i:D6}", ["email"] = $"customer{i:D6}@example.com", ["tier"] = "gold" },
                ["offer"] = new JsonObject
                {
                    ["id"] = $"ofr_{Guid.NewGuid():N}", ["name"] = $"Offer {i % 1000:D3}",
                    ["content"] = new JsonObject { ["title"] = $"Offer {i % 1000:D3}", ["url"] = $"https://example.com/offers/{i % 1000:D3}" },
                },
                ["journey"] = new JsonObject { ["id"] = "jrn_bench", ["name"] = "Welcome series" },
                ["customerId"] = customer,
            };
            return new Delivery
            {
                Id = Ids.New("dlv", clock),
                TenantId = server.Tenant,
                IdempotencyKey = $"{enrollment}:n3:3",
                JourneyId = "jrn_bench",
                EnrollmentId = enrollment,
                NodeId = "n3",
                StepSequence = 3,
                CustomerId = customer,
                ChannelId = channelId,
                ChannelType = "webhook",
                Status = DeliveryStatus.Pending,
                Payload = payload.ToJsonString(),
                DueAt = now,
                CreatedAt = now,
                UpdatedAt = now,
            };
        }));
        await db.SaveChangesAsync();
    }

    /// <summary>What the dispatcher would post for one of the queued deliveries, built by its own code.</summary>
    private static async Task<SampleRequest> SampleAsync(BenchServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        var delivery = await db.Deliveries.AsNoTracking().Where(d => d.CustomerId.StartsWith("wh-")).OrderBy(d => d.Id).FirstAsync();
        var channel = await db.Channels.AsNoTracking().SingleAsync(c => c.Id == delivery.ChannelId);
        var payload = DeliveryPayload.TryParse(delivery.Payload, delivery.CustomerId)!;
        var (message, _) = await MessageRenderer.RenderAsync(MessageTemplate.FromJson(channel.Template), payload, TimeProvider.System);
        var config = ProviderConfig.FromJson(channel.ProviderConfig);
        var body = HttpChannelSender.Body(new OutgoingMessage(delivery, channel, config, payload, message!, delivery.CustomerId));
        return new SampleRequest(config.Url!, body, delivery.Id, delivery.IdempotencyKey);
    }

    /// <summary>The send times the dispatcher recorded on the measured deliveries' attempts, in milliseconds.</summary>
    private static async Task<List<double>> SendDurationsAsync(BenchServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        return await db.DeliveryAttempts.AsNoTracking()
            .Where(a => db.Deliveries.Any(d => d.Id == a.DeliveryId && d.CustomerId.StartsWith("wh-")))
            .Select(a => a.DurationMs)
            .ToListAsync();
    }

    /// <returns>POSTs answered per second.</returns>
    private static async Task<double> CeilingAsync(BenchServer server, WebhookSink sink, SampleRequest sample, int count, int concurrency)
    {
        sink.Reset();
        var client = server.Services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpChannelSender.ClientName);
        var next = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, concurrency)).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                using var request = new HttpRequestMessage(HttpMethod.Post, sample.Url)
                {
                    Content = new StringContent(sample.Body, Encoding.UTF8, "application/json"),
                };
                request.Headers.Add(WebhookSignature.IdempotencyKeyHeader, sample.IdempotencyKey);
                request.Headers.Add(WebhookSignature.DeliveryIdHeader, sample.DeliveryId);
                request.Headers.Add(WebhookSignature.TimestampHeader, timestamp);
                request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(Secret, timestamp, sample.Body));
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"the sink answered {response.StatusCode}");
            }
        })));
        var rate = count / Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (sink.Received != count) throw new InvalidOperationException($"the sink received {sink.Received} of {count} POSTs");
        return rate;
    }
}
