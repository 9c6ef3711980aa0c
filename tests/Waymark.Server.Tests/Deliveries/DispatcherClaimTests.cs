using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Waymark.Server.Deliveries;
using Waymark.Server.Persistence;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Deliveries;

/// <summary>How dispatchers share deliveries through claims and leases.</summary>
public abstract class DispatcherClaimTests(string provider, string? unavailableReason)
{
    private const string Secret = "whsec_0123456789abcdef";

    private async Task<DeliveryApp> StartAsync(TimeProvider? clock = null)
    {
        Databases.SkipUnlessAvailable(unavailableReason);
        return await DeliveryApp.StartAsync(provider, clock);
    }

    [Fact]
    public async Task Two_dispatchers_working_at_once_send_each_delivery_once()
    {
        await using var app = await StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var client = app.NewTenant();
        var channel = await DeliveryApp.CreateChannelAsync(client, new
        {
            name = "hooks", channelType = "webhook", providerConfig = new { url = receiver.Url, secret = Secret },
        });
        for (var i = 0; i < 60; i++) await app.EnqueueAsync(client, channel, $"c{i}");
        var first = app.Factory.Services.GetRequiredService<DeliveryDispatcher>();
        // A second process's dispatcher: same database, its own name on the leases.
        var second = ActivatorUtilities.CreateInstance<DeliveryDispatcher>(app.Factory.Services);

        var taken = await Task.WhenAll(first.DispatchDueAsync(CancellationToken.None), second.DispatchDueAsync(CancellationToken.None));

        Assert.Equal(60, taken.Sum());
        Assert.Equal(60, receiver.Calls);
        Assert.Equal(60, receiver.Processed.Count);
        var sent = await client.GetJsonAsync("/api/v1/deliveries?status=sent&limit=1");
        Assert.Equal(60, sent.Json.GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_delivery_leased_by_a_dispatcher_that_died_is_sent_once_its_lease_runs_out()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero));
        await using var app = await StartAsync(clock);
        var client = app.NewTenant();
        var channel = await DeliveryApp.CreateChannelAsync(client, new { name = "inbox", channelType = "in_app", template = new { body = "Hi" } });
        var id = await app.EnqueueAsync(client, channel, "c1");
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
            var delivery = await db.Deliveries.FindAsync(id);
            delivery!.LeaseOwner = "a-dispatcher-that-died";
            delivery.LeaseUntil = clock.GetUtcNow().UtcDateTime.AddSeconds(120);
            await db.SaveChangesAsync();
        }

        var whileLeased = await app.DispatchAsync();
        clock.Advance(TimeSpan.FromSeconds(121));
        var afterExpiry = await app.DispatchAsync();

        Assert.Equal(0, whileLeased);
        Assert.Equal(1, afterExpiry);
        Assert.Equal("sent", (await DeliveryApp.DeliveryAsync(client, id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_delivery_not_yet_due_waits_for_its_time()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero));
        await using var app = await StartAsync(clock);
        var client = app.NewTenant();
        var channel = await DeliveryApp.CreateChannelAsync(client, new { name = "inbox", channelType = "in_app", template = new { body = "Hi" } });
        var id = await app.EnqueueAsync(client, channel, "c1", dueAt: clock.GetUtcNow().UtcDateTime.AddMinutes(5));

        var early = await app.DispatchAsync();
        clock.Advance(TimeSpan.FromMinutes(5));
        var due = await app.DispatchAsync();

        Assert.Equal(0, early);
        Assert.Equal(1, due);
        Assert.Equal("2026-03-16T09:05:00.000Z", (await DeliveryApp.DeliveryAsync(client, id)).GetProperty("sentAt").GetString());
    }
}

public sealed class DispatcherClaimsOnSqlite(SqliteApp fixture) : DispatcherClaimTests(fixture.Provider, fixture.UnavailableReason);

public sealed class DispatcherClaimsOnPostgres(PostgresApp fixture) : DispatcherClaimTests(fixture.Provider, fixture.UnavailableReason);
