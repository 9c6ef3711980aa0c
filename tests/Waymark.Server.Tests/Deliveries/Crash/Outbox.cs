using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Server.Deliveries;
using Waymark.Server.Persistence;

namespace Waymark.Server.Tests.Deliveries.Crash;

/// <summary>Where the outbox stands: deliveries sent and pending, those holding a lease, and leases not yet run out.</summary>
internal sealed record OutboxProgress(int Sent, int Pending, int Leased, int LiveLeases);

/// <summary>A delivery holding a lease, and who holds it.</summary>
internal sealed record Lease(string DeliveryId, string IdempotencyKey, string Owner);

/// <summary>
/// The outbox of a test's own database, through a host's context: filled as channel_action steps
/// fill it, and read back past the API to see what dispatchers left behind.
/// </summary>
internal sealed class Outbox(IServiceProvider services)
{
    /// <summary>Writes <paramref name="count"/> due deliveries through one webhook channel, each to a customer of its own.</summary>
    public async Task EnqueueAsync(string tenant, string channelId, int count, TimeProvider clock, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        var now = clock.UtcNow();
        var deliveries = Enumerable.Range(1, count).Select(i =>
        {
            var enrollment = $"enr_{Guid.NewGuid():N}";
            var customer = $"c{i:D4}";
            var payload = new JsonObject
            {
                ["customer"] = new JsonObject { ["firstName"] = $"Customer {i}" },
                ["offer"] = null,
                ["journey"] = new JsonObject { ["id"] = "jrn_crash", ["name"] = "Welcome series" },
                ["customerId"] = customer,
            };
            return new Delivery
            {
                Id = Ids.New("dlv", clock),
                TenantId = tenant,
                IdempotencyKey = $"{enrollment}:n4:3",
                JourneyId = "jrn_crash",
                EnrollmentId = enrollment,
                NodeId = "n4",
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
        }).ToList();
        db.Deliveries.AddRange(deliveries);
        await db.SaveChangesAsync(ct);
    }

    /// <param name="now">Leases running until this time or later are live.</param>
    public Task<OutboxProgress> ProgressAsync(DateTime now, CancellationToken ct) => ReadAsync(db => db.Deliveries
        .GroupBy(_ => 1)
        .Select(g => new OutboxProgress(
            g.Count(d => d.Status == DeliveryStatus.Sent),
            g.Count(d => d.Status == DeliveryStatus.Pending),
            g.Count(d => d.LeaseOwner != null),
            g.Count(d => d.LeaseUntil >= now)))
        .SingleAsync(ct));

    public Task<List<Lease>> LeasesAsync(CancellationToken ct) => ReadAsync(db => db.Deliveries
        .Where(d => d.LeaseOwner != null)
        .Select(d => new Lease(d.Id, d.IdempotencyKey, d.LeaseOwner!))
        .ToListAsync(ct));

    public Task<List<Delivery>> DeliveriesAsync(CancellationToken ct) =>
        ReadAsync(db => db.Deliveries.AsNoTracking().ToListAsync(ct));

    /// <summary>Every delivery's attempts, in the order they were made.</summary>
    public async Task<ILookup<string, DeliveryAttempt>> AttemptsAsync(CancellationToken ct) =>
        (await ReadAsync(db => db.DeliveryAttempts.AsNoTracking().ToListAsync(ct)))
        .OrderBy(a => a.Attempt)
        .ToLookup(a => a.DeliveryId, StringComparer.Ordinal);

    private async Task<T> ReadAsync<T>(Func<WaymarkDbContext, Task<T>> read)
    {
        await using var scope = services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<WaymarkDbContext>());
    }
}
