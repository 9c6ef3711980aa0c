using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Waymark.Server.Tests.Deliveries;

public abstract class EmailDeliveryTests(DeliveryAppFixture fixture)
{
    private const string User = "waymark";
    private const string Password = "smtp-password-1";

    private static object Email(int port, string password = Password) => new
    {
        name = "newsletter",
        channelType = "email",
        providerConfig = new { host = "127.0.0.1", port, tls = "none", username = User, password, from = "Acme <news@acme.example>" },
        template = new { subject = "Welcome, {{ customer.firstName }}", body = "Your offer: {{ offer.name }} ({{ offer.content.discount }}% off) in {{ journey.name }}" },
    };

    private static readonly JsonObject Offer = new() { ["id"] = "off_1", ["name"] = "Gold upgrade", ["content"] = new JsonObject { ["discount"] = 20 } };

    [Fact]
    public async Task The_SMTP_server_receives_the_rendered_email_with_a_Message_Id_from_the_idempotency_key()
    {
        var app = fixture.App;
        await using var smtp = await SmtpSink.StartAsync(User, Password);
        var client = app.NewTenant();
        var channel = await DeliveryApp.CreateChannelAsync(client, Email(smtp.Port));
        var id = await app.EnqueueAsync(client, channel, "c1", new JsonObject { ["firstName"] = "Ada", ["email"] = "ada@example.com" }, Offer.DeepClone().AsObject());

        await app.DispatchAsync();
        var delivery = await DeliveryApp.DeliveryAsync(client, id);

        var message = Assert.Single(smtp.Messages);
        Assert.Equal("ada@example.com", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("news@acme.example", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("Welcome, Ada", message.Subject);
        Assert.Equal("Your offer: Gold upgrade (20% off) in Welcome series", message.TextBody?.Trim());
        Assert.Equal(MessageIdOf(delivery.GetProperty("idempotencyKey").GetString()!), message.MessageId);
        Assert.Contains(User, smtp.Logins);
        Assert.Equal("sent", delivery.GetProperty("status").GetString());
        Assert.Equal(250, delivery.GetProperty("attempts")[0].GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task An_email_sent_again_carries_the_same_Message_Id()
    {
        var app = fixture.App;
        await using var smtp = await SmtpSink.StartAsync(User, Password);
        var client = app.NewTenant();
        var id = await app.EnqueueAsync(client, await DeliveryApp.CreateChannelAsync(client, Email(smtp.Port)), "c1",
            new JsonObject { ["firstName"] = "Ada", ["email"] = "ada@example.com" });

        await app.DispatchAsync();
        await app.ReopenAsync(id);
        await app.DispatchAsync();

        Assert.Equal(2, smtp.Messages.Count);
        Assert.Single(smtp.Messages.Select(m => m.MessageId).Distinct());
    }

    [Fact]
    public async Task A_customer_without_an_email_attribute_fails_at_once_with_the_reason()
    {
        var app = fixture.App;
        await using var smtp = await SmtpSink.StartAsync(User, Password);
        var client = app.NewTenant();
        var id = await app.EnqueueAsync(client, await DeliveryApp.CreateChannelAsync(client, Email(smtp.Port)), "c1", new JsonObject { ["firstName"] = "Ada" });

        await app.DispatchAsync();
        var delivery = await DeliveryApp.DeliveryAsync(client, id);

        Assert.Equal("failed", delivery.GetProperty("status").GetString());
        Assert.Equal("the customer has no email attribute", delivery.GetProperty("reason").GetString());
        Assert.Equal(1, delivery.GetProperty("attemptCount").GetInt32());
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task A_refused_login_fails_the_delivery_without_trying_again()
    {
        var app = fixture.App;
        await using var smtp = await SmtpSink.StartAsync(User, Password);
        var client = app.NewTenant();
        var id = await app.EnqueueAsync(client, await DeliveryApp.CreateChannelAsync(client, Email(smtp.Port, password: "wrong-password")), "c1",
            new JsonObject { ["email"] = "ada@example.com" });

        await app.DispatchAsync();
        var delivery = await DeliveryApp.DeliveryAsync(client, id);

        Assert.Equal("failed", delivery.GetProperty("status").GetString());
        Assert.StartsWith("SMTP login refused", delivery.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, delivery.GetProperty("attemptCount").GetInt32());
        Assert.Empty(smtp.Messages);
        Assert.DoesNotContain("wrong-password", delivery.GetRawText(), StringComparison.Ordinal);
    }

    private static string MessageIdOf(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32] + "@waymark";
}

public sealed class EmailDeliveryOnSqlite(SqliteDeliveryFixture fixture) : EmailDeliveryTests(fixture), IClassFixture<SqliteDeliveryFixture>;

public sealed class EmailDeliveryOnPostgres(PostgresDeliveryFixture fixture) : EmailDeliveryTests(fixture), IClassFixture<PostgresDeliveryFixture>;
