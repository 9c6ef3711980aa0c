using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Deliveries;

/// <summary>Frequency caps and quiet hours, on a fake clock that the tests move.</summary>
public abstract class ContactRuleTests(string provider, string? unavailableReason)
{
    private async Task<(DeliveryApp App, FakeTimeProvider Clock)> StartAsync(DateTimeOffset at)
    {
        Databases.SkipUnlessAvailable(unavailableReason);
        var clock = new FakeTimeProvider(at);
        return (await DeliveryApp.StartAsync(provider, clock), clock);
    }

    private static object InApp(object? frequencyCap = null, object? quietHours = null) => new
    {
        name = "inbox",
        channelType = "in_app",
        template = new { subject = "Hello {{ customer.firstName }}", body = "A message for {{ customerId }}" },
        frequencyCap,
        quietHours,
    };

    [Fact]
    public async Task The_frequency_cap_suppresses_deliveries_past_it_until_the_window_has_passed()
    {
        var (app, clock) = await StartAsync(new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero));
        await using var _ = app;
        var client = app.NewTenant();
        var channel = await DeliveryApp.CreateChannelAsync(client, InApp(frequencyCap: new { count = 2, hours = 24 }));
        var first = await app.EnqueueAsync(client, channel, "c1");
        await app.DispatchAsync();
        clock.Advance(TimeSpan.FromHours(1));
        var second = await app.EnqueueAsync(client, channel, "c1");
        clock.Advance(TimeSpan.FromMinutes(1));
        var third = await app.EnqueueAsync(client, channel, "c1");
        var other = await app.EnqueueAsync(client, channel, "c2");
        await app.DispatchAsync();
        clock.Advance(TimeSpan.FromHours(23));
        var nextDay = await app.EnqueueAsync(client, channel, "c1");
        await app.DispatchAsync();

        var statuses = new Dictionary<string, string?>();
        foreach (var id in new[] { first, second, third, other, nextDay })
        {
            statuses[id] = (await DeliveryApp.DeliveryAsync(client, id)).GetProperty("status").GetString();
        }
        var suppressed = await DeliveryApp.DeliveryAsync(client, third);
        Assert.Equal(["sent", "sent", "suppressed", "sent", "sent"], statuses.Values);
        Assert.StartsWith("frequency cap reached: 2 sent", suppressed.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var attempt = Assert.Single(suppressed.GetProperty("attempts").EnumerateArray());
        Assert.Equal("suppressed", attempt.GetProperty("outcome").GetString());
        Assert.Equal(suppressed.GetProperty("reason").GetString(), attempt.GetProperty("reason").GetString());
        Assert.Equal(3, (await client.GetJsonAsync("/api/v1/customers/c1/inbox")).Json.GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Quiet_hours_defer_a_delivery_to_their_end_and_it_goes_out_once_the_clock_passes_it()
    {
        // 22:30 in Berlin (UTC+1 in March): inside 21:00–08:00, which ends at 07:00 UTC.
        var (app, clock) = await StartAsync(new DateTimeOffset(2026, 3, 16, 21, 30, 0, TimeSpan.Zero));
        await using var _ = app;
        var client = app.NewTenant();
        var channel = await DeliveryApp.CreateChannelAsync(client, InApp(quietHours: new { start = "21:00", end = "08:00", timezone = "Europe/Berlin" }));
        var id = await app.EnqueueAsync(client, channel, "c1", new JsonObject { ["firstName"] = "Ada" });

        await app.DispatchAsync();
        var deferred = await DeliveryApp.DeliveryAsync(client, id);
        clock.Advance(new DateTimeOffset(2026, 3, 17, 6, 59, 0, TimeSpan.Zero) - clock.GetUtcNow());
        var early = await app.DispatchAsync();
        clock.Advance(TimeSpan.FromMinutes(1));
        var due = await app.DispatchAsync();
        var sent = await DeliveryApp.DeliveryAsync(client, id);
        var inbox = (await client.GetJsonAsync("/api/v1/customers/c1/inbox")).Json.GetProperty("data");

        Assert.Equal("pending", deferred.GetProperty("status").GetString());
        Assert.Equal("2026-03-17T07:00:00.000Z", deferred.GetProperty("dueAt").GetString());
        Assert.Equal("quiet hours 21:00–08:00 (Europe/Berlin): deferred to 2026-03-17T07:00:00.000Z", deferred.GetProperty("reason").GetString());
        Assert.Equal("deferred", Assert.Single(deferred.GetProperty("attempts").EnumerateArray()).GetProperty("outcome").GetString());
        Assert.Equal(0, early);
        Assert.Equal(1, due);
        Assert.Equal("sent", sent.GetProperty("status").GetString());
        Assert.Equal("2026-03-17T07:00:00.000Z", sent.GetProperty("sentAt").GetString());
        Assert.Equal(["deferred", "sent"], sent.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("outcome").GetString()));
        Assert.Equal("Hello Ada", Assert.Single(inbox.EnumerateArray()).GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Quiet_hours_follow_the_customers_timezone_attribute_before_the_channels()
    {
        // 23:00 UTC: quiet for the channel's UTC, 19:00 in New York (EDT), 08:00 next day in Tokyo.
        var (app, _) = await StartAsync(new DateTimeOffset(2026, 3, 16, 23, 0, 0, TimeSpan.Zero));
        await using var __ = app;
        var client = app.NewTenant();
        var channel = await DeliveryApp.CreateChannelAsync(client, InApp(quietHours: new { start = "21:00", end = "08:00", timezone = "UTC" }));
        var newYork = await app.EnqueueAsync(client, channel, "ny", new JsonObject { ["timezone"] = "America/New_York" });
        var tokyo = await app.EnqueueAsync(client, channel, "tk", new JsonObject { ["timezone"] = "Asia/Tokyo" });
        var unknownZone = await app.EnqueueAsync(client, channel, "xx", new JsonObject { ["timezone"] = "Atlantis/Capital" });
        var noZone = await app.EnqueueAsync(client, channel, "utc");

        await app.DispatchAsync();

        Assert.Equal("sent", (await DeliveryApp.DeliveryAsync(client, newYork)).GetProperty("status").GetString());
        Assert.Equal("sent", (await DeliveryApp.DeliveryAsync(client, tokyo)).GetProperty("status").GetString());
        foreach (var id in new[] { unknownZone, noZone })
        {
            var deferred = await DeliveryApp.DeliveryAsync(client, id);
            Assert.Equal("pending", deferred.GetProperty("status").GetString());
            Assert.Equal("2026-03-17T08:00:00.000Z", deferred.GetProperty("dueAt").GetString());
        }
    }

    [Fact]
    public async Task A_deferred_delivery_meets_the_frequency_cap_when_it_would_go_out()
    {
        var (app, clock) = await StartAsync(new DateTimeOffset(2026, 3, 16, 21, 30, 0, TimeSpan.Zero));
        await using var _ = app;
        var client = app.NewTenant();
        var channel = await DeliveryApp.CreateChannelAsync(client, InApp(
            frequencyCap: new { count = 1, hours = 24 }, quietHours: new { start = "22:00", end = "07:00", timezone = "UTC" }));
        var before = await app.EnqueueAsync(client, channel, "c1");
        await app.DispatchAsync();
        clock.Advance(TimeSpan.FromHours(1));
        var during = await app.EnqueueAsync(client, channel, "c1");
        await app.DispatchAsync();
        clock.Advance(TimeSpan.FromHours(9));
        await app.DispatchAsync();

        Assert.Equal("sent", (await DeliveryApp.DeliveryAsync(client, before)).GetProperty("status").GetString());
        var capped = await DeliveryApp.DeliveryAsync(client, during);
        Assert.Equal("suppressed", capped.GetProperty("status").GetString());
        Assert.Equal(["deferred", "suppressed"], capped.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("outcome").GetString()));
    }
}

public sealed class ContactRulesOnSqlite(SqliteApp fixture) : ContactRuleTests(fixture.Provider, fixture.UnavailableReason);

public sealed class ContactRulesOnPostgres(PostgresApp fixture) : ContactRuleTests(fixture.Provider, fixture.UnavailableReason);
