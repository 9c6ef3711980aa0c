using System.Text.Json;
using System.Text.Json.Nodes;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Deliveries;

public abstract class WebhookDeliveryTests(DeliveryAppFixture fixture)
{
    private const string Secret = "whsec_0123456789abcdef";

    private static object Webhook(string url, string name = "hooks") => new
    {
        name,
        channelType = "webhook",
        providerConfig = new { url, secret = Secret, headers = new Dictionary<string, string> { ["X-Env"] = "test" }, timeoutMs = 5000 },
        template = new { subject = "Hi {{ customer.firstName }}", body = "{{ offer.name }} for {{ customer.firstName }} ({{ journey.name }})" },
    };

    [Fact]
    public async Task A_delivery_arrives_signed_and_rendered_with_its_idempotency_key()
    {
        var app = fixture.App;
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var client = app.NewTenant();
        var channel = await DeliveryApp.CreateChannelAsync(client, Webhook(receiver.Url));
        var offer = new JsonObject { ["id"] = "off_1", ["name"] = "Gold upgrade", ["content"] = new JsonObject { ["discount"] = 20 } };
        var id = await app.EnqueueAsync(client, channel, "c1", new JsonObject { ["firstName"] = "Ada" }, offer);

        await app.DispatchAsync();
        var delivery = await DeliveryApp.DeliveryAsync(client, id);

        var request = Assert.Single(receiver.Requests);
        Assert.True(request.SignatureValid);
        Assert.Equal(delivery.GetProperty("idempotencyKey").GetString(), request.IdempotencyKey);
        Assert.Equal("test", request.Headers["X-Env"]);
        Assert.Equal(id, request.Headers["X-Waymark-Delivery-Id"]);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal(id, body.GetProperty("deliveryId").GetString());
        Assert.Equal("c1", body.GetProperty("customerId").GetString());
        Assert.Equal("jrn_test", body.GetProperty("journeyId").GetString());
        Assert.Equal("webhook", body.GetProperty("channel").GetProperty("type").GetString());
        Assert.Equal("Hi Ada", body.GetProperty("subject").GetString());
        Assert.Equal("Gold upgrade for Ada (Welcome series)", body.GetProperty("body").GetString());
        Assert.Equal(20, body.GetProperty("offer").GetProperty("content").GetProperty("discount").GetInt32());
        Assert.Equal("sent", delivery.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, delivery.GetProperty("sentAt").ValueKind);
        var attempt = Assert.Single(delivery.GetProperty("attempts").EnumerateArray());
        Assert.Equal("sent", attempt.GetProperty("outcome").GetString());
        Assert.Equal(200, attempt.GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task A_receiver_answering_500_twice_gets_the_delivery_on_the_third_try()
    {
        var app = fixture.App;
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        receiver.Respond = call => call <= 2 ? 500 : 200;
        var client = app.NewTenant();
        var id = await app.EnqueueAsync(client, await DeliveryApp.CreateChannelAsync(client, Webhook(receiver.Url)), "c1");

        await app.DispatchAsync();
        var delivery = await DeliveryApp.DeliveryAsync(client, id);

        Assert.Equal("sent", delivery.GetProperty("status").GetString());
        Assert.Equal(3, delivery.GetProperty("attemptCount").GetInt32());
        Assert.Equal(["failed", "failed", "sent"], delivery.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("outcome").GetString()));
        Assert.Equal([500, 500, 200], delivery.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()));
        Assert.Equal(3, receiver.Calls);
        Assert.Equal(1, Assert.Single(receiver.Processed).Value);
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid));
    }

    [Fact]
    public async Task A_receiver_that_never_succeeds_leaves_a_failed_delivery_which_a_retry_call_sends()
    {
        var app = fixture.App;
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        receiver.Respond = _ => 503;
        var client = app.NewTenant();
        var id = await app.EnqueueAsync(client, await DeliveryApp.CreateChannelAsync(client, Webhook(receiver.Url)), "c1");

        await app.DispatchAsync();
        var failed = await DeliveryApp.DeliveryAsync(client, id);
        receiver.Respond = _ => 200;
        var retry = await client.PostJsonAsync($"/api/v1/deliveries/{id}/retry", null);
        await app.DispatchAsync();
        var sent = await DeliveryApp.DeliveryAsync(client, id);

        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal(3, failed.GetProperty("attemptCount").GetInt32());
        Assert.StartsWith("HTTP 503", failed.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("HTTP 503 Service Unavailable", failed.GetProperty("attempts")[2].GetProperty("error").GetString());
        retry.AssertStatus(202);
        Assert.Equal("pending", retry.Json.GetProperty("status").GetString());
        Assert.Equal("sent", sent.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, sent.GetProperty("reason").ValueKind);
        Assert.Equal(4, sent.GetProperty("attemptCount").GetInt32());
        Assert.Equal(4, receiver.Calls);
        Assert.Equal(1, Assert.Single(receiver.Processed).Value);
    }

    [Fact]
    public async Task A_refusal_that_cannot_change_is_not_tried_again()
    {
        var app = fixture.App;
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        receiver.Respond = _ => 422;
        var client = app.NewTenant();
        var id = await app.EnqueueAsync(client, await DeliveryApp.CreateChannelAsync(client, Webhook(receiver.Url)), "c1");

        await app.DispatchAsync();
        var delivery = await DeliveryApp.DeliveryAsync(client, id);

        Assert.Equal("failed", delivery.GetProperty("status").GetString());
        Assert.Equal(1, receiver.Calls);
        Assert.Equal(422, Assert.Single(delivery.GetProperty("attempts").EnumerateArray()).GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task An_unreachable_receiver_fails_the_delivery_after_every_try_with_the_connection_error()
    {
        var app = fixture.App;
        var client = app.NewTenant();
        var id = await app.EnqueueAsync(client, await DeliveryApp.CreateChannelAsync(client, Webhook("http://127.0.0.1:1/hook")), "c1");

        await app.DispatchAsync();
        var delivery = await DeliveryApp.DeliveryAsync(client, id);

        Assert.Equal("failed", delivery.GetProperty("status").GetString());
        Assert.Equal(3, delivery.GetProperty("attemptCount").GetInt32());
        Assert.All(delivery.GetProperty("attempts").EnumerateArray(), a => Assert.Equal(JsonValueKind.Null, a.GetProperty("statusCode").ValueKind));
        Assert.False(string.IsNullOrEmpty(delivery.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Sent_again_after_a_lost_outcome_the_receiver_still_processes_it_once()
    {
        var app = fixture.App;
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var client = app.NewTenant();
        var id = await app.EnqueueAsync(client, await DeliveryApp.CreateChannelAsync(client, Webhook(receiver.Url)), "c1");

        await app.DispatchAsync();
        // As if the dispatcher had died after the receiver answered but before it recorded the send.
        await app.ReopenAsync(id);
        await app.DispatchAsync();

        Assert.Equal(2, receiver.Calls);
        Assert.Single(receiver.Requests.Select(r => r.IdempotencyKey).Distinct());
        Assert.Equal(1, Assert.Single(receiver.Processed).Value);
        Assert.Equal("sent", (await DeliveryApp.DeliveryAsync(client, id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_batch_to_many_customers_reaches_the_receiver_once_per_delivery()
    {
        var app = fixture.App;
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var client = app.NewTenant();
        var channel = await DeliveryApp.CreateChannelAsync(client, Webhook(receiver.Url));
        var ids = new List<string>();
        for (var i = 0; i < 30; i++) ids.Add(await app.EnqueueAsync(client, channel, $"c{i % 10}"));

        await app.DispatchAsync();
        var list = await client.GetJsonAsync($"/api/v1/deliveries?channelId={channel}&status=sent&limit=100");

        Assert.Equal(30, list.Json.GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.Equal(30, receiver.Calls);
        Assert.Equal(30, receiver.Processed.Count);
        Assert.All(receiver.Processed.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task Sms_goes_to_the_customers_phone_through_the_same_signed_request()
    {
        var app = fixture.App;
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var client = app.NewTenant();
        var channel = await DeliveryApp.CreateChannelAsync(client, new
        {
            name = "sms",
            channelType = "sms",
            providerConfig = new { url = receiver.Url, secret = Secret },
            template = new { body = "Hi {{ customer.firstName }}, {{ offer.content.code }} is yours" },
        });
        var offer = new JsonObject { ["id"] = "off_1", ["name"] = "Code", ["content"] = new JsonObject { ["code"] = "SAVE20" } };
        await app.EnqueueAsync(client, channel, "c1", new JsonObject { ["firstName"] = "Ada", ["phone"] = "+4915112345678" }, offer);

        await app.DispatchAsync();

        var request = Assert.Single(receiver.Requests);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.True(request.SignatureValid);
        Assert.Equal("+4915112345678", body.GetProperty("to").GetString());
        Assert.Equal("Hi Ada, SAVE20 is yours", body.GetProperty("body").GetString());
    }
}

public sealed class WebhookDeliveryOnSqlite(SqliteDeliveryFixture fixture) : WebhookDeliveryTests(fixture), IClassFixture<SqliteDeliveryFixture>;

public sealed class WebhookDeliveryOnPostgres(PostgresDeliveryFixture fixture) : WebhookDeliveryTests(fixture), IClassFixture<PostgresDeliveryFixture>;
