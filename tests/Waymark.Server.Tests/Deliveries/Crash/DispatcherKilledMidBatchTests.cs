using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Waymark.Server.Deliveries;
using Waymark.Server.Tests.Infrastructure;
using Waymark.Server.Tests.Runtime.Concurrency;

namespace Waymark.Server.Tests.Deliveries.Crash;

/// <summary>
/// A dispatcher killed mid-batch: once its leases run out another sends what it left, so every
/// delivery ends up sent and a receiver honouring Idempotency-Key processes none twice. Such a
/// receiver may well receive some twice — those the dead dispatcher sent without living to record
/// it; that is the at-least-once half of the promise, and the key is what makes it harmless.
/// Timeouts are generous on purpose; nothing here asserts how fast the work went.
/// </summary>
public abstract class DispatcherKilledMidBatchTests
{
    private const int Deliveries = 300;
    private const int KillAfterSent = 30;
    private const int Kills = 5;
    private const string Secret = "whsec_crash_0123456789abcdef";
    // Slow enough that a batch is still in flight when the kill lands.
    private static readonly TimeSpan ReceiverLatency = TimeSpan.FromMilliseconds(30);
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(60);

    protected abstract string Provider { get; }

    [Fact]
    public async Task After_a_restart_every_delivery_is_sent_and_none_is_processed_twice_by_a_receiver_honouring_its_key()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await NewDatabaseOrSkipAsync();
        var errors = new ErrorLog();
        await using var factory = new WaymarkFactory(Provider, connectionString, new Dictionary<string, string?>
        {
            ["Runtime:Enabled"] = "false",
            ["Delivery:Enabled"] = "false",
            ["Delivery:LeaseSeconds"] = "5",
            ["Delivery:MaxAttempts"] = "3",
            ["Delivery:BaseDelayMs"] = "20",
            ["Delivery:MaxDelayMs"] = "100",
            ["Auth:TrustedHeaders"] = "true",
        });
        // Started (and the database migrated) before the child, which then finds it current.
        var host = factory.WithWebHostBuilder(b => b.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(errors)));
        await using var receiver = await SlowWebhookReceiver.StartAsync(Secret, ReceiverLatency);
        var tenant = $"t-{Guid.NewGuid():N}";
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Tenant-Id", tenant);
        client.DefaultRequestHeaders.Add("X-User-Role", "admin");
        var channelId = await DeliveryApp.CreateChannelAsync(client, Webhook(receiver.Url));
        var outbox = new Outbox(host.Services);
        await outbox.EnqueueAsync(tenant, channelId, Deliveries, TimeProvider.System, ct);

        var (atKill, leftBehind) = await KillMidBatchAsync(connectionString, outbox, receiver, ct);
        Assert.True(leftBehind.Count > 0, $"no kill in {Kills} attempts landed while deliveries were claimed");
        Assert.True(atKill.Sent < Deliveries, "the killed server had sent everything");

        await WaitUntilAsync(async () => (await outbox.ProgressAsync(Now(), ct)).LiveLeases == 0,
            TimeSpan.FromMilliseconds(100), () => "the dead server's leases did not run out", ct);
        var receivedBeforeRestart = receiver.Received.Values.Sum();
        var processedBeforeRestart = receiver.Processed.Keys.ToHashSet(StringComparer.Ordinal);
        var dispatcher = host.Services.GetRequiredService<DeliveryDispatcher>();
        var drained = 0;
        var progress = atKill;
        await WaitUntilAsync(async () =>
        {
            drained += await dispatcher.DispatchDueAsync(ct);
            progress = await outbox.ProgressAsync(Now(), ct);
            return progress.Pending == 0;
        }, TimeSpan.FromMilliseconds(50), () => $"after draining {drained}: {progress}", ct);

        Assert.Equal(atKill.Pending, drained);
        var deliveries = await outbox.DeliveriesAsync(ct);
        var attempts = await outbox.AttemptsAsync(ct);
        var leased = leftBehind.Select(l => l.IdempotencyKey).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(Deliveries, deliveries.Count);
        // Each delivery processed by the receiver, under its own key: none lost, none taken for a new one.
        Assert.Equal(0, receiver.Rejected);
        Assert.Equal(0, receiver.Altered);
        Assert.Equal(deliveries.ToDictionary(d => d.IdempotencyKey, d => d.Id, StringComparer.Ordinal),
            receiver.Processed.ToDictionary(p => p.Key, p => p.Value.DeliveryId, StringComparer.Ordinal));
        Assert.All(deliveries, d =>
        {
            Assert.Equal((DeliveryStatus.Sent, null, null, null), (d.Status, d.Reason, d.LeaseOwner, d.LeaseUntil));
            var tries = attempts[d.Id].ToList();
            Assert.Equal(Enumerable.Range(1, d.Attempts), tries.Select(a => a.Attempt));
            Assert.All(tries, a => Assert.Equal((AttemptOutcome.Sent, (int?)200), (a.Outcome, a.StatusCode)));
            Assert.True(d.SentAt >= tries[^1].At, $"{d.Id} was marked sent at {d.SentAt:O}, before its last attempt at {tries[^1].At:O}");
            // Sent twice only if the dead dispatcher recorded its send and died before settling.
            if (tries.Count > 1) Assert.Contains(d.IdempotencyKey, leased);
            var received = receiver.Received.GetValueOrDefault(d.IdempotencyKey);
            Assert.True(tries.Count <= received, $"{d.Id}: {tries.Count} sends recorded but {received} received");
        });

        // Redelivered: exactly what the receiver had processed while the dead dispatcher held it unsettled.
        var redelivered = receiver.Received.Where(r => r.Value > 1).Select(r => r.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(leased.Intersect(processedBeforeRestart).Order(StringComparer.Ordinal), redelivered);
        Assert.All(receiver.Received.Values, n => Assert.InRange(n, 1, 2));
        Assert.True(errors.Errors.Count == 0, string.Join("\n", errors.Errors));

        var recordedTwice = deliveries.Count(d => attempts[d.Id].Count() > 1);
        Log($"before the restart the receiver got {receivedBeforeRestart} requests and processed {processedBeforeRestart.Count} keys; " +
            $"the survivor took up {drained}, including the {leftBehind.Count} leased by the dead dispatcher");
        Log($"redelivered, and not processed again: {redelivered.Count}, of which {recordedTwice} with both sends recorded as attempts");
    }

    /// <summary>
    /// Starts the server executable with its dispatcher on the database and kills it once it has
    /// sent some deliveries and holds leases on others. A kill can land between two batches, when
    /// the child holds nothing; then another is started and killed, until one dies holding leases.
    /// </summary>
    private async Task<(OutboxProgress AtKill, List<Lease> LeftBehind)> KillMidBatchAsync(
        string connectionString, Outbox outbox, SlowWebhookReceiver receiver, CancellationToken ct)
    {
        var atKill = new OutboxProgress(0, Deliveries, 0, 0);
        List<Lease> leftBehind = [];
        for (var attempt = 1; attempt <= Kills && leftBehind.Count == 0; attempt++)
        {
            await using var child = ServerProcess.Start(ChildArguments(connectionString));
            var seen = atKill;
            var before = atKill.Sent;
            // Polled as fast as the database answers: the kill should follow a sighting of a lease at once.
            await WaitUntilAsync(async () =>
            {
                Assert.False(child.HasExited, $"the server exited by itself:\n{child.Output}");
                seen = await outbox.ProgressAsync(Now(), ct);
                return seen.Leased > 0 && seen.Sent >= before + KillAfterSent && receiver.Received.Count > 0;
            }, TimeSpan.FromMilliseconds(5), () => $"no batch seen in flight: {seen}\n{child.Output}", ct);
            await child.KillAsync();

            atKill = await outbox.ProgressAsync(Now(), ct);
            leftBehind = await outbox.LeasesAsync(ct);
            Log($"attempt {attempt}: killed server process {child.Id} with {atKill.Sent} of {Deliveries} sent and {leftBehind.Count} leases left");
            var pid = $"/{child.Id.ToString(CultureInfo.InvariantCulture)}/";
            Assert.All(leftBehind, lease => Assert.Contains(pid, lease.Owner, StringComparison.Ordinal));
        }
        return (atKill, leftBehind);
    }

    private string[] ChildArguments(string connectionString) =>
    [
        $"--Database:Provider={Provider}", $"--ConnectionStrings:Waymark={connectionString}", "--urls=http://127.0.0.1:0",
        "--Runtime:Enabled=false", "--Delivery:Enabled=true", "--Delivery:PollIntervalMs=20", "--Delivery:BatchSize=25",
        "--Delivery:LeaseSeconds=2", "--Delivery:MaxAttempts=3", "--Delivery:BaseDelayMs=20", "--Delivery:MaxDelayMs=100",
        "--Logging:LogLevel:Default=Warning",
    ];

    private static object Webhook(string url) => new
    {
        name = "crash-hooks",
        channelType = "webhook",
        providerConfig = new { url, secret = Secret, timeoutMs = 5000 },
        template = new { subject = "Hi {{ customer.firstName }}", body = "Welcome, {{ customer.firstName }} ({{ journey.name }})" },
    };

    private async Task<string> NewDatabaseOrSkipAsync()
    {
        if (Provider == Databases.Sqlite) return Databases.NewSqliteFile();
        try
        {
            return await Databases.NewPostgresDatabaseAsync();
        }
        catch (PostgresUnavailableException e)
        {
            Databases.SkipUnlessAvailable(e.Message);
            throw;
        }
    }

    private static DateTime Now() => TimeProvider.System.GetUtcNow().UtcDateTime;

    private static async Task WaitUntilAsync(Func<Task<bool>> done, TimeSpan interval, Func<string> state, CancellationToken ct)
    {
        var elapsed = Stopwatch.StartNew();
        while (!await done())
        {
            if (elapsed.Elapsed > WaitTimeout) Assert.Fail($"not done within {WaitTimeout}: {state()}");
            await Task.Delay(interval, ct);
        }
    }

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}

public sealed class DispatcherKilledMidBatchOnSqlite : DispatcherKilledMidBatchTests
{
    protected override string Provider => Databases.Sqlite;
}

public sealed class DispatcherKilledMidBatchOnPostgres : DispatcherKilledMidBatchTests
{
    protected override string Provider => Databases.Postgres;
}
