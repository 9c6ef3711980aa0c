using System.Diagnostics;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Runtime;

/// <summary>With the scheduler running and a poll interval of a minute, only its wake-up can make work prompt.</summary>
public abstract class PromptnessTests(TestApp fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private async Task<(WaymarkFactory Factory, HttpClient Client)> StartAsync()
    {
        Databases.SkipUnlessAvailable(fixture.UnavailableReason);
        var connectionString = fixture.Provider == Databases.Postgres ? await Databases.NewPostgresDatabaseAsync() : Databases.NewSqliteFile();
        var factory = new WaymarkFactory(fixture.Provider, connectionString, new Dictionary<string, string?>
        {
            ["Runtime:Enabled"] = "true",
            ["Runtime:PollIntervalMs"] = "60000",
            ["Auth:TrustedHeaders"] = "true",
        });
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Tenant-Id", "prompt");
        client.DefaultRequestHeaders.Add("X-User-Role", "editor");
        // Let the scheduler finish its first (empty) pass and go to sleep for its minute.
        (await client.GetJsonAsync("/api/v1/journeys")).AssertStatus(200);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        return (factory, client);
    }

    [Fact]
    public async Task An_enroll_runs_up_to_the_first_wait_without_waiting_for_the_poll()
    {
        var (factory, client) = await StartAsync();
        await using var _ = factory;
        var journey = await SampleJourneys.CreateActiveAsync(client);

        (await client.PostJsonAsync($"/api/v1/journeys/{journey}/enroll", new { customerId = "c1" })).AssertStatus(201);

        Assert.True(await EventuallyAsync(async () => (await RuntimeJourneys.EnrollmentOfAsync(client, journey, "c1")).GetProperty("currentNodeId").GetString() == "n6"),
            "the enrollment did not reach its wait before the poll interval");
    }

    [Fact]
    public async Task An_awaited_event_resumes_the_enrollment_at_once()
    {
        var (factory, client) = await StartAsync();
        await using var _ = factory;
        var journey = await RuntimeJourneys.CreateActiveAsync(client, RuntimeJourneys.WaitForPurchase);
        (await client.PostJsonAsync($"/api/v1/journeys/{journey}/enroll", new { customerId = "c1" })).AssertStatus(201);
        Assert.True(await EventuallyAsync(async () => (await RuntimeJourneys.EnrollmentOfAsync(client, journey, "c1")).GetProperty("currentNodeId").GetString() == "wait"));

        (await client.PostJsonAsync("/api/v1/events", new { eventType = "purchase", customerId = "c1", properties = new { amount = 300 } })).AssertStatus(202);

        Assert.True(await EventuallyAsync(async () => (await RuntimeJourneys.EnrollmentOfAsync(client, journey, "c1")).GetProperty("status").GetString() == "completed"),
            "the event did not resume the enrollment before the poll interval");
    }

    // Polls for a condition; the bound is far below the scheduler's minute-long poll.
    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var started = Stopwatch.StartNew();
        while (started.Elapsed < Patience)
        {
            if (await condition()) return true;
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
        return false;
    }
}

public sealed class PromptnessOnSqlite(SqliteApp fixture) : PromptnessTests(fixture);

public sealed class PromptnessOnPostgres(PostgresApp fixture) : PromptnessTests(fixture);
