using System.Text.Json;
using System.Text.Json.Nodes;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Deliveries;

public abstract class DeliveriesApiTests(DeliveryAppFixture fixture)
{
    private static object InApp(string name = "inbox") => new { name, channelType = "in_app", template = new { body = "Hi {{ customerId }}" } };

    [Fact]
    public async Task The_list_filters_by_journey_customer_channel_and_status_newest_first()
    {
        var app = fixture.App;
        var client = app.NewTenant();
        var inbox = await DeliveryApp.CreateChannelAsync(client, InApp());
        var other = await DeliveryApp.CreateChannelAsync(client, InApp("other"));
        var a = await app.EnqueueAsync(client, inbox, "c1", journeyId: "jrn_a");
        var b = await app.EnqueueAsync(client, inbox, "c2", journeyId: "jrn_a");
        await app.DispatchAsync();
        var c = await app.EnqueueAsync(client, other, "c1", journeyId: "jrn_b");

        async Task<List<string?>> IdsAsync(string query) =>
            [.. (await client.GetJsonAsync($"/api/v1/deliveries?{query}")).Json.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("id").GetString())];

        Assert.Equal([c, b, a], await IdsAsync(""));
        Assert.Equal([b, a], await IdsAsync("journeyId=jrn_a"));
        Assert.Equal([c, a], await IdsAsync("customerId=c1"));
        Assert.Equal([c], await IdsAsync($"channelId={other}"));
        Assert.Equal([c], await IdsAsync("status=pending"));
        Assert.Equal([b, a], await IdsAsync("status=sent&channelType=in_app"));
        var page = await client.GetJsonAsync("/api/v1/deliveries?limit=1&offset=1");
        Assert.Equal("""{"total":3,"limit":1,"offset":1,"hasMore":true}""", page.Json.GetProperty("pagination").GetRawText());
        Assert.Equal(b, page.Json.GetProperty("data")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Bad_filters_are_a_400_naming_each()
    {
        var response = await fixture.App.NewTenant().GetJsonAsync("/api/v1/deliveries?status=lost&channelType=fax&limit=500");

        Assert.Equal(["limit", "status", "channelType"], response.AssertError(400, "VALIDATION_ERROR"));
    }

    [Fact]
    public async Task A_delivery_shows_its_fields_payload_and_attempts()
    {
        var app = fixture.App;
        var client = app.NewTenant();
        var id = await app.EnqueueAsync(client, await DeliveryApp.CreateChannelAsync(client, InApp()), "c1", new JsonObject { ["tier"] = "gold" });
        await app.DispatchAsync();

        var delivery = await DeliveryApp.DeliveryAsync(client, id);

        Assert.Equal(
            ["id", "idempotencyKey", "journeyId", "enrollmentId", "nodeId", "customerId", "channelId", "channelType", "offerId", "status", "reason",
             "attemptCount", "dueAt", "sentAt", "createdAt", "updatedAt", "payload", "attempts"],
            delivery.EnumerateObject().Select(p => p.Name));
        Assert.Equal("gold", delivery.GetProperty("payload").GetProperty("customer").GetProperty("tier").GetString());
        Assert.Equal($"{delivery.GetProperty("enrollmentId").GetString()}:n4:3", delivery.GetProperty("idempotencyKey").GetString());
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("dueAt").ValueKind);
        var attempt = Assert.Single(delivery.GetProperty("attempts").EnumerateArray());
        Assert.Equal(["attempt", "at", "outcome", "statusCode", "error", "reason", "durationMs"], attempt.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Another_tenants_delivery_is_not_found()
    {
        var app = fixture.App;
        var client = app.NewTenant();
        var id = await app.EnqueueAsync(client, await DeliveryApp.CreateChannelAsync(client, InApp()), "c1");

        var stranger = app.NewTenant();
        (await stranger.GetJsonAsync($"/api/v1/deliveries/{id}")).AssertError(404, "NOT_FOUND");
        (await stranger.PostJsonAsync($"/api/v1/deliveries/{id}/retry", null)).AssertError(404, "NOT_FOUND");
        Assert.Equal(0, (await stranger.GetJsonAsync("/api/v1/deliveries")).Json.GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Only_a_failed_delivery_can_be_retried()
    {
        var app = fixture.App;
        var client = app.NewTenant();
        var channel = await DeliveryApp.CreateChannelAsync(client, InApp());
        var pending = await app.EnqueueAsync(client, channel, "c1");
        var pendingRetry = await client.PostJsonAsync($"/api/v1/deliveries/{pending}/retry", null);
        await app.DispatchAsync();
        var sentRetry = await client.PostJsonAsync($"/api/v1/deliveries/{pending}/retry", null);

        pendingRetry.AssertError(409, "CONFLICT");
        sentRetry.AssertError(409, "CONFLICT");
        Assert.Contains("sent", sentRetry.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delivery_through_an_inactive_or_deleted_channel_is_undeliverable_with_the_reason()
    {
        var app = fixture.App;
        var client = app.NewTenant();
        var paused = await DeliveryApp.CreateChannelAsync(client, InApp("paused"));
        var deleted = await DeliveryApp.CreateChannelAsync(client, InApp("deleted"));
        var throughPaused = await app.EnqueueAsync(client, paused, "c1");
        var throughDeleted = await app.EnqueueAsync(client, deleted, "c1");
        (await client.PutJsonAsync($"/api/v1/channels/{paused}", new { status = "inactive" })).AssertStatus(200);
        (await client.DeleteJsonAsync($"/api/v1/channels/{deleted}")).AssertStatus(204);

        await app.DispatchAsync();

        var first = await DeliveryApp.DeliveryAsync(client, throughPaused);
        var second = await DeliveryApp.DeliveryAsync(client, throughDeleted);
        Assert.Equal("undeliverable", first.GetProperty("status").GetString());
        Assert.Equal("channel 'paused' is inactive", first.GetProperty("reason").GetString());
        Assert.Equal("undeliverable", second.GetProperty("status").GetString());
        Assert.Equal($"channel '{deleted}' no longer exists", second.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_viewer_cannot_read_deliveries()
    {
        var app = fixture.App;
        var tenant = $"t-{Guid.NewGuid():N}";

        var response = await app.Client(tenant, "viewer").GetJsonAsync("/api/v1/deliveries");

        response.AssertError(403, "FORBIDDEN");
    }
}

public sealed class DeliveriesApiOnSqlite(SqliteDeliveryFixture fixture) : DeliveriesApiTests(fixture), IClassFixture<SqliteDeliveryFixture>;

public sealed class DeliveriesApiOnPostgres(PostgresDeliveryFixture fixture) : DeliveriesApiTests(fixture), IClassFixture<PostgresDeliveryFixture>;
