using System.Text.Json.Nodes;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Deliveries;

public abstract class InboxTests(DeliveryAppFixture fixture)
{
    private static readonly object InApp = new
    {
        name = "inbox",
        channelType = "in_app",
        template = new { subject = "Hello {{ customer.firstName }}", body = "{{ offer.name }}: {{ offer.content.title }}" },
    };

    [Fact]
    public async Task An_in_app_message_lands_in_the_inbox_once_even_when_sent_twice()
    {
        var app = fixture.App;
        var client = app.NewTenant();
        var offer = new JsonObject { ["id"] = "off_1", ["name"] = "Gold upgrade", ["content"] = new JsonObject { ["title"] = "Go gold" } };
        var id = await app.EnqueueAsync(client, await DeliveryApp.CreateChannelAsync(client, InApp), "c1", new JsonObject { ["firstName"] = "Ada" }, offer);

        await app.DispatchAsync();
        await app.ReopenAsync(id);
        await app.DispatchAsync();
        var inbox = await client.GetJsonAsync("/api/v1/customers/c1/inbox");

        inbox.AssertStatus(200);
        Assert.Equal(1, inbox.Json.GetProperty("pagination").GetProperty("total").GetInt32());
        var message = Assert.Single(inbox.Json.GetProperty("data").EnumerateArray());
        Assert.Equal(id, message.GetProperty("deliveryId").GetString());
        Assert.Equal("Hello Ada", message.GetProperty("subject").GetString());
        Assert.Equal("Gold upgrade: Go gold", message.GetProperty("body").GetString());
        Assert.Equal("off_1", message.GetProperty("offerId").GetString());
        Assert.Equal("sent", (await DeliveryApp.DeliveryAsync(client, id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_inbox_lists_newest_first_in_pages()
    {
        var app = fixture.App;
        var client = app.NewTenant();
        var channel = await DeliveryApp.CreateChannelAsync(client, InApp);
        for (var i = 0; i < 3; i++)
        {
            await app.EnqueueAsync(client, channel, "c1");
            await app.DispatchAsync();
        }
        await app.EnqueueAsync(client, channel, "someone-else");
        await app.DispatchAsync();

        var first = await client.GetJsonAsync("/api/v1/customers/c1/inbox?limit=2");
        var second = await client.GetJsonAsync("/api/v1/customers/c1/inbox?limit=2&offset=2");

        var pagination = first.Json.GetProperty("pagination");
        Assert.Equal(3, pagination.GetProperty("total").GetInt32());
        Assert.True(pagination.GetProperty("hasMore").GetBoolean());
        var messages = first.Json.GetProperty("data").EnumerateArray().Concat(second.Json.GetProperty("data").EnumerateArray()).ToList();
        Assert.Equal(3, messages.Select(m => m.GetProperty("id").GetString()).Distinct().Count());
        var created = messages.Select(m => m.GetProperty("createdAt").GetString()!).ToList();
        Assert.Equal(created.OrderDescending(StringComparer.Ordinal), created);
    }

    [Fact]
    public async Task Another_tenant_sees_an_empty_inbox_and_a_viewer_none_at_all()
    {
        var app = fixture.App;
        var client = app.NewTenant();
        await app.EnqueueAsync(client, await DeliveryApp.CreateChannelAsync(client, InApp), "c1");
        await app.DispatchAsync();

        var otherTenant = await app.NewTenant().GetJsonAsync("/api/v1/customers/c1/inbox");
        var viewer = await app.Client(client.DefaultRequestHeaders.GetValues("X-Tenant-Id").Single(), "viewer").GetJsonAsync("/api/v1/customers/c1/inbox");
        var badPage = await client.GetJsonAsync("/api/v1/customers/c1/inbox?limit=0");

        Assert.Equal(0, otherTenant.Json.GetProperty("pagination").GetProperty("total").GetInt32());
        viewer.AssertError(403, "FORBIDDEN");
        Assert.Equal(["limit"], badPage.AssertError(400, "VALIDATION_ERROR"));
    }
}

public sealed class InboxOnSqlite(SqliteDeliveryFixture fixture) : InboxTests(fixture), IClassFixture<SqliteDeliveryFixture>;

public sealed class InboxOnPostgres(PostgresDeliveryFixture fixture) : InboxTests(fixture), IClassFixture<PostgresDeliveryFixture>;
