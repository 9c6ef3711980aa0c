using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Waymark.Server.Persistence;

namespace Waymark.Bench;

/// <summary>GET /journeys with 10,000 journeys in the tenant: the first page, a deep page and a status filter.</summary>
public static class ListBenchmark
{
    public static async Task RunAsync(BenchServer server, int journeys, int requests)
    {
        await SeedAsync(server, journeys);
        await MeasureAsync(server, "GET /journeys (first page of 50)", "/api/v1/journeys", requests);
        await MeasureAsync(server, "GET /journeys (offset 9950)", $"/api/v1/journeys?offset={journeys - 50}", requests / 2);
        await MeasureAsync(server, "GET /journeys?status=active", "/api/v1/journeys?status=active", requests / 2);
    }

    private static async Task MeasureAsync(BenchServer server, string label, string url, int requests)
    {
        var samples = new List<double>(requests);
        for (var i = -100; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await server.Client.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url} answered {response.StatusCode}");
            if (i >= 0) samples.Add(elapsed);
        }
        Report.Line(server.Provider, label, new Stats(samples).ToString());
    }

    // Seeding is not measured: rows go straight in through EF, a thousand at a time.
    private static async Task SeedAsync(BenchServer server, int count)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var batch = 0; batch < count; batch += 1000)
        {
            for (var i = batch; i < Math.Min(count, batch + 1000); i++)
            {
                db.Journeys.Add(new Journey
                {
                    Id = $"jrn_seed{i:D6}",
                    TenantId = server.Tenant,
                    Name = $"Seeded journey {i}",
                    Description = "A journey for the listing benchmark",
                    Status = i % 4 == 0 ? "active" : "draft",
                    MaxDurationDays = 30,
                    EntryCondition = """{"event":"account_created"}""",
                    Definition = Journeys.FiveNodes,
                    Version = 1,
                    CreatedAt = start.AddMinutes(i),
                    UpdatedAt = start.AddMinutes(i),
                });
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        await db.Database.ExecuteSqlRawAsync(db.Dialect == SqlDialect.Postgres ? "ANALYZE" : "ANALYZE;");
    }
}
