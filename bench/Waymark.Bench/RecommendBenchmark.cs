using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Waymark.Domain.Conditions;
using Waymark.Server.Customers;
using Waymark.Server.Decisioning;
using Waymark.Server.Persistence;

namespace Waymark.Bench;

/// <summary>
/// POST /recommend (limit 5) over <see cref="OfferCatalog"/>'s flow and active offers, one request
/// at a time, each for another customer, every customer asked twice in a full run. Alternating
/// with each request, the same call made in process on a twin population, split into what the
/// endpoint does: load the batch (<see cref="DecisionBatch.LoadAsync"/>: flows, the tenant's
/// active offers read and parsed, the contact policy's history), load the customer, decide
/// (<see cref="DecisionBatch.Decide"/>) and save the decisions.
/// </summary>
public static class RecommendBenchmark
{
    // Enough calls for the JIT's later tiers and the database caches to settle before measuring.
    private const int WarmUp = 200;
    private const int Limit = 5;

    /// <summary>Each measured call, in milliseconds: over HTTP, and in process part by part.</summary>
    private sealed record Samples(List<double> Http, List<double> Load, List<double> Customer, List<double> Decide, List<double> Save, List<double> All)
    {
        public long Ranked { get; set; }
    }

    public static async Task RunAsync(string provider, int offers, int customers, int calls)
    {
        await using var server = await BenchServer.StartAsync(provider, "Runtime:Enabled=false", "Delivery:Enabled=false");
        await OfferCatalog.CreateOffersAsync(server.Client, offers);
        // Two identical populations, so that both kinds of call decide over the same history.
        await OfferCatalog.UpsertCustomersAsync(server.Client, "http-", customers);
        await OfferCatalog.UpsertCustomersAsync(server.Client, "local-", customers);
        await OfferCatalog.CreateFlowAsync(server.Client);
        await Driver.SettleAsync(server);

        // The two kinds of call alternate, so that warm-up and whatever else the machine does weigh on both alike.
        var samples = new Samples([], [], [], [], [], []);
        for (var i = -WarmUp; i < calls; i++)
        {
            await OverHttpAsync(server, Customer("http-", i, customers), i >= 0 ? samples : null);
            await InProcessAsync(server, Customer("local-", i, customers), i >= 0 ? samples : null);
        }
        var parse = await ParseOffersAsync(server, calls);

        var setup = string.Create(CultureInfo.InvariantCulture, $"{offers:N0} offers, {OfferCatalog.ConditionCount} conditions");
        Report.Line(provider, $"recommend over HTTP ({setup})", string.Create(CultureInfo.InvariantCulture,
            $"{new Stats(samples.Http)}; {(double)samples.Ranked / calls:0.00} offers per answer"));
        Report.Line(provider, "recommend in process: load batch", new Stats(samples.Load).ToString());
        Report.Line(provider, "  of which parse the stored offers", new Stats(parse).ToString());
        Report.Line(provider, "recommend in process: load customer", new Stats(samples.Customer).ToString());
        Report.Line(provider, "recommend in process: decide", new Stats(samples.Decide).ToString());
        Report.Line(provider, "recommend in process: save", new Stats(samples.Save).ToString());
        Report.Line(provider, "recommend in process: all four", new Stats(samples.All).ToString());
    }

    // A stride coprime with the customer count visits them all in a scattered order.
    private static string Customer(string prefix, int call, int customers) => $"{prefix}{(long)(call + WarmUp) * 7919 % customers}";

    private static async Task OverHttpAsync(BenchServer server, string customer, Samples? samples)
    {
        var body = JsonSerializer.Serialize(new { customerId = customer, decisionFlowKey = OfferCatalog.FlowKey, limit = Limit });
        var started = Stopwatch.GetTimestamp();
        using var response = await server.Client.PostAsync("/api/v1/recommend", new StringContent(body, Encoding.UTF8, "application/json"));
        var answer = await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"recommend answered {response.StatusCode}: {answer}");
        if (samples is null) return;
        samples.Http.Add(elapsed);
        using var json = JsonDocument.Parse(answer);
        samples.Ranked += json.RootElement.GetProperty("decisions").GetArrayLength();
    }

    /// <summary>What the endpoint does between reading the request and writing the answer, part by part.</summary>
    private static async Task InProcessAsync(BenchServer server, string customer, Samples? samples)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        var t0 = Stopwatch.GetTimestamp();
        var batch = await DecisionBatch.LoadAsync(db, server.Tenant, [OfferCatalog.FlowKey], [customer], TimeProvider.System.UtcNow(), CancellationToken.None);
        var t1 = Stopwatch.GetTimestamp();
        var stored = (await CustomerStore.LoadAttributesAsync(db, server.Tenant, [customer], CancellationToken.None))[customer];
        var t2 = Stopwatch.GetTimestamp();
        var (_, recorded) = batch.Decide(OfferCatalog.FlowKey, customer, new RuntimeFieldSource(stored, null, null), stored, null, Limit, record: true);
        var t3 = Stopwatch.GetTimestamp();
        await DecisionBatch.SaveAsync(db, recorded, CancellationToken.None);
        var t4 = Stopwatch.GetTimestamp();
        if (samples is null) return;
        samples.Load.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
        samples.Customer.Add(Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
        samples.Decide.Add(Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds);
        samples.Save.Add(Stopwatch.GetElapsedTime(t3, t4).TotalMilliseconds);
        samples.All.Add(Stopwatch.GetElapsedTime(t0, t4).TotalMilliseconds);
    }

    /// <summary>Turning the tenant's offer rows into the engine's candidates, as every load does, rows read once.</summary>
    private static async Task<List<double>> ParseOffersAsync(BenchServer server, int times)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();
        var rows = await db.Offers.AsNoTracking().Where(o => o.TenantId == server.Tenant).ToListAsync();
        var samples = new List<double>(times);
        for (var i = -WarmUp; i < times; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var candidates = rows.ConvertAll(OfferCandidates.From);
            if (i >= 0) samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            GC.KeepAlive(candidates);
        }
        return samples;
    }
}
