using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Waymark.Server.Runtime;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Runtime.Concurrency;

/// <summary>
/// Several schedulers on one PostgreSQL database (SPEC §7): they share the due work without
/// doubling a step, and a scheduler killed mid-batch loses nothing another cannot finish.
/// Timeouts are generous on purpose; nothing here asserts how fast the work went.
/// </summary>
public sealed class RunnersOnOneDatabaseTests
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Three_runners_drain_5000_enrollments_with_every_step_once()
    {
        const int customers = 5000;
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await NewDatabaseOrSkipAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Runtime:Enabled"] = "true",
            ["Runtime:PollIntervalMs"] = "50",
            ["Runtime:BatchSize"] = "100",
            ["Auth:TrustedHeaders"] = "true",
        };
        var errors = new ErrorLog();
        // Started one after another: the first migrates the fresh database, the others find it current.
        await using var factory1 = new WaymarkFactory(Databases.Postgres, connectionString, settings, new TaggedClock(1));
        await using var factory2 = new WaymarkFactory(Databases.Postgres, connectionString, settings, new TaggedClock(2));
        await using var factory3 = new WaymarkFactory(Databases.Postgres, connectionString, settings, new TaggedClock(3));
        WebApplicationFactory<Program>[] hosts = [Started(factory1, errors), Started(factory2, errors), Started(factory3, errors)];
        var client = LinearJourney.EditorClient(hosts[0]);
        var journeyId = await LinearJourney.CreateActiveAsync(client);

        await LinearJourney.EnrollAsync(client, journeyId, customers);
        var completed = 0L;
        await WaitUntilAsync(async () =>
        {
            var analytics = await client.GetJsonAsync($"/api/v1/journeys/{journeyId}/analytics");
            analytics.AssertStatus(200);
            completed = analytics.Json.GetProperty("funnel").GetProperty("completedCount").GetInt64();
            return completed == customers;
        }, DrainTimeout, TimeSpan.FromMilliseconds(100), () => $"{completed} of {customers} completed", ct);

        var ledger = new EnrollmentLedger(connectionString, journeyId);
        await ledger.AssertEveryStepOnceAsync(customers, ct);
        var moved = await ledger.MovedByClockTagAsync(ct);
        Assert.All(moved.Keys, tag => Assert.InRange(tag, 1, 3));
        Assert.True(errors.Errors.Count == 0, string.Join("\n", errors.Errors));
        for (var tag = 1; tag <= hosts.Length; tag++)
        {
            var owner = hosts[tag - 1].Services.GetRequiredService<JourneyRunner>().Owner;
            Log($"runner {tag} ({owner}) moved {moved.GetValueOrDefault(tag)} enrollments");
        }
    }

    [Fact]
    public async Task A_runner_killed_mid_batch_leaves_work_another_finishes_without_doubling()
    {
        const int customers = 3000;
        const int attempts = 5;
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await NewDatabaseOrSkipAsync();
        var errors = new ErrorLog();
        await using var factory = new WaymarkFactory(Databases.Postgres, connectionString, new Dictionary<string, string?>
        {
            ["Runtime:Enabled"] = "false",
            ["Runtime:LeaseSeconds"] = "2",
            ["Auth:TrustedHeaders"] = "true",
        });
        var host = Started(factory, errors);
        var client = LinearJourney.EditorClient(host);
        var journeyId = await LinearJourney.CreateActiveAsync(client);
        await LinearJourney.EnrollAsync(client, journeyId, customers);
        var ledger = new EnrollmentLedger(connectionString, journeyId);

        // A kill can land between two batches, when the child holds nothing; then another child is
        // started and killed, until one dies holding a claimed batch it had not written.
        var atKill = new Progress(0, 0, 0);
        for (var attempt = 1; attempt <= attempts && atKill.Leased == 0; attempt++)
        {
            await using var child = ServerProcess.Start(
            [
                "--Database:Provider=postgres", $"--ConnectionStrings:Waymark={connectionString}", "--urls=http://127.0.0.1:0",
                "--Runtime:Enabled=true", "--Runtime:PollIntervalMs=20", "--Runtime:BatchSize=50", "--Runtime:LeaseSeconds=2",
                "--Logging:LogLevel:Default=Warning",
            ]);
            var seen = new Progress(0, 0, 0);
            var before = atKill.Completed;
            // Polled as fast as the database answers: the kill should follow a sighting of a lease at once.
            await WaitUntilAsync(async () =>
            {
                Assert.False(child.HasExited, $"the server exited by itself:\n{child.Output}");
                seen = await ledger.ProgressAsync(ct);
                return seen.Leased > 0 && seen.Completed > before;
            }, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(5), () => $"no batch seen in flight: {seen}\n{child.Output}", ct);
            await child.KillAsync();

            atKill = await ledger.ProgressAsync(ct);
            var owners = await ledger.LeaseOwnersAsync(ct);
            Log($"attempt {attempt}: killed server process {child.Id} with {atKill.Completed} of {customers} completed and {atKill.Leased} leases left");
            Assert.All(owners, owner => Assert.Contains($"/{child.Id.ToString(CultureInfo.InvariantCulture)}/", owner, StringComparison.Ordinal));
        }
        Assert.True(atKill.Leased > 0, $"no kill in {attempts} attempts landed while a batch was claimed");
        Assert.True(atKill.Completed < customers, "the killed server had finished everything");
        // The batch in flight was one transaction: cut off, it left its enrollments exactly as claimed.
        Assert.Equal(0, await ledger.LeasedButMovedAsync(ct));

        await WaitUntilAsync(async () => (await ledger.ProgressAsync(ct)).LiveLeases == 0,
            TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100), () => "the dead server's leases did not run out", ct);
        var runner = host.Services.GetRequiredService<JourneyRunner>();
        var drained = 0;
        var progress = atKill;
        await WaitUntilAsync(async () =>
        {
            drained += await runner.RunDueAsync(ct);
            progress = await ledger.ProgressAsync(ct);
            return progress.Completed == customers;
        }, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(50), () => $"after draining {drained}: {progress}", ct);

        Assert.Equal(customers - atKill.Completed, drained);
        await ledger.AssertEveryStepOnceAsync(customers, ct);
        Assert.True(errors.Errors.Count == 0, string.Join("\n", errors.Errors));
        Log($"the surviving runner moved the remaining {drained}, including the {atKill.Leased} the dead one had claimed");
    }

    private static async Task<string> NewDatabaseOrSkipAsync()
    {
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

    /// <summary>The host with its errors kept in <paramref name="errors"/>, started (and the database migrated) now.
    /// Disposing <paramref name="factory"/> disposes it.</summary>
    private static WebApplicationFactory<Program> Started(WaymarkFactory factory, ErrorLog errors)
    {
        var host = factory.WithWebHostBuilder(b => b.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(errors)));
        _ = host.Server;
        return host;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done, TimeSpan timeout, TimeSpan interval, Func<string> state, CancellationToken ct)
    {
        var elapsed = Stopwatch.StartNew();
        while (!await done())
        {
            if (elapsed.Elapsed > timeout) Assert.Fail($"not done within {timeout}: {state()}");
            await Task.Delay(interval, ct);
        }
    }

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
