using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Server.Deliveries;
using Waymark.Server.Persistence;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Deliveries;

/// <summary>
/// A server of its own for delivery tests: short backoffs, the dispatcher run by the test
/// (<see cref="DispatchAsync"/>) rather than by itself, and optionally a fake clock. Deliveries are
/// written straight into the outbox with the payload the runtime writes.
/// </summary>
public sealed class DeliveryApp : IAsyncDisposable
{
    private DeliveryApp(WaymarkFactory factory, TimeProvider clock)
    {
        Factory = factory;
        Clock = clock;
    }

    public WaymarkFactory Factory { get; }
    public TimeProvider Clock { get; }

    /// <param name="clock">A fake clock: backoffs are then zero, since nothing would move the clock during one.</param>
    public static async Task<DeliveryApp> StartAsync(string provider, TimeProvider? clock = null)
    {
        var connectionString = provider == Databases.Postgres ? await Databases.NewPostgresDatabaseAsync() : Databases.NewSqliteFile();
        var factory = new WaymarkFactory(provider, connectionString, new Dictionary<string, string?>
        {
            ["Runtime:Enabled"] = "false",
            ["Delivery:Enabled"] = "false",
            ["Delivery:MaxAttempts"] = "3",
            ["Delivery:BaseDelayMs"] = clock is null ? "20" : "0",
            ["Delivery:MaxDelayMs"] = "100",
            ["Auth:TrustedHeaders"] = "true",
        }, clock);
        _ = factory.Server;
        return new DeliveryApp(factory, clock ?? TimeProvider.System);
    }

    /// <summary>An admin client of a fresh tenant.</summary>
    public HttpClient NewTenant() => Client($"t-{Guid.NewGuid():N}");

    public HttpClient Client(string tenant, string role = "admin")
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Tenant-Id", tenant);
        client.DefaultRequestHeaders.Add("X-User-Role", role);
        return client;
    }

    public Task<int> DispatchAsync() => Factory.Services.GetRequiredService<DeliveryDispatcher>().DispatchDueAsync(CancellationToken.None);

    public static async Task<string> CreateChannelAsync(HttpClient client, object channel)
    {
        var response = await client.PostJsonAsync("/api/v1/channels", channel);
        response.AssertStatus(201);
        return response.Json.GetProperty("id").GetString()!;
    }

    /// <summary>Writes a pending delivery as a channel_action step would, and returns its id.</summary>
    public async Task<string> EnqueueAsync(HttpClient client, string channelId, string customerId, JsonObject? customer = null,
        JsonObject? offer = null, DateTime? dueAt = null, string journeyId = "jrn_test")
    {
        var tenant = client.DefaultRequestHeaders.GetValues("X-Tenant-Id").Single();
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        var channel = await db.Channels.FindAsync(channelId) ?? throw new InvalidOperationException($"no channel {channelId}");
        var now = Clock.UtcNow();
        var enrollment = $"enr_{Guid.NewGuid():N}";
        var payload = new JsonObject
        {
            ["customer"] = customer ?? [],
            ["offer"] = offer,
            ["journey"] = new JsonObject { ["id"] = journeyId, ["name"] = "Welcome series" },
            ["customerId"] = customerId,
        };
        var delivery = new Delivery
        {
            Id = Ids.New("dlv", Clock),
            TenantId = tenant,
            IdempotencyKey = $"{enrollment}:n4:3",
            JourneyId = journeyId,
            EnrollmentId = enrollment,
            NodeId = "n4",
            StepSequence = 3,
            CustomerId = customerId,
            ChannelId = channelId,
            ChannelType = channel.ChannelType,
            OfferId = offer?["id"]?.GetValue<string>(),
            Status = DeliveryStatus.Pending,
            Payload = payload.ToJsonString(),
            DueAt = dueAt ?? now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Deliveries.Add(delivery);
        await db.SaveChangesAsync();
        return delivery.Id;
    }

    public static async Task<JsonElement> DeliveryAsync(HttpClient client, string id)
    {
        var response = await client.GetJsonAsync($"/api/v1/deliveries/{id}");
        response.AssertStatus(200);
        return response.Json;
    }

    /// <summary>Makes a delivery pending and due again, as a dispatcher that crashed after sending would leave it once its lease ran out.</summary>
    public async Task ReopenAsync(string id)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        var delivery = await db.Deliveries.FindAsync(id) ?? throw new InvalidOperationException($"no delivery {id}");
        delivery.Status = DeliveryStatus.Pending;
        delivery.DueAt = Clock.UtcNow();
        delivery.LeaseOwner = null;
        delivery.LeaseUntil = null;
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>One <see cref="DeliveryApp"/> per provider, shared by a test class whose tests each work in a tenant of their own.</summary>
public abstract class DeliveryAppFixture : IAsyncLifetime
{
    private DeliveryApp? _app;

    public abstract string Provider { get; }

    public string? UnavailableReason { get; private set; }

    public DeliveryApp App
    {
        get
        {
            Databases.SkipUnlessAvailable(UnavailableReason);
            return _app!;
        }
    }

    public async ValueTask InitializeAsync()
    {
        try
        {
            _app = await DeliveryApp.StartAsync(Provider);
        }
        catch (PostgresUnavailableException e)
        {
            UnavailableReason = e.Message;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteDeliveryFixture : DeliveryAppFixture
{
    public override string Provider => Databases.Sqlite;
}

public sealed class PostgresDeliveryFixture : DeliveryAppFixture
{
    public override string Provider => Databases.Postgres;
}
