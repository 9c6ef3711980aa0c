using System.Diagnostics;
using System.Globalization;
using Waymark.Server.Runtime;

namespace Waymark.Bench;

/// <summary>
/// How much of the runtime's throughput is kept when every enrollment decides and delivers. Three
/// backlogs of due enrollments, each enrolled just before <see cref="JourneyRunner.RunDueAsync"/>
/// works it off, in one tenant whose customers all have <see cref="OfferCatalog"/> attributes:
/// the drain suite's journey (entry → nba_decision on the default flow → exit) while the tenant has
/// no offers yet; then, with the catalog's offers, its flow and a webhook channel, entry →
/// nba_decision on the flow → exit; and entry → nba_decision → channel_action (webhook) → exit.
/// Deliveries are only enqueued: the dispatcher is off. Each journey is preceded by a twin that
/// works off a thousand enrollments unmeasured. Later backlogs work over larger tables, which errs
/// against them.
/// </summary>
public static class OutreachDrainBenchmark
{
    private const int WarmUp = 1000;

    private static readonly string Decide = $$"""
        {"nodes": [
            {"id": "n1", "type": "entry_trigger"},
            {"id": "n2", "type": "nba_decision", "config": {"decisionFlowId": "{{OfferCatalog.FlowKey}}"} },
            {"id": "n3", "type": "exit"}],
         "edges": [{"source": "n1", "target": "n2"}, {"source": "n2", "target": "n3"}]}
        """;

    private static readonly string DecideAndDeliver = $$"""
        {"nodes": [
            {"id": "n1", "type": "entry_trigger"},
            {"id": "n2", "type": "nba_decision", "config": {"decisionFlowId": "{{OfferCatalog.FlowKey}}"} },
            {"id": "n3", "type": "channel_action", "config": {"channel": "webhook"} },
            {"id": "n4", "type": "exit"}],
         "edges": [{"source": "n1", "target": "n2"}, {"source": "n2", "target": "n3"}, {"source": "n3", "target": "n4"}]}
        """;

    private sealed record Drained(int Enrollments, int StepsEach, TimeSpan Elapsed, long Batches, long? Writes)
    {
        public double StepsPerSecond => (double)Enrollments * StepsEach / Elapsed.TotalSeconds;
        public double EnrollmentsPerSecond => Enrollments / Elapsed.TotalSeconds;

        public override string ToString()
        {
            var writes = Writes is { } w ? $", {w} write transactions" : "";
            return string.Create(CultureInfo.InvariantCulture,
                $"{StepsPerSecond:N0} steps/s, {EnrollmentsPerSecond:N0} enrollments/s ({Elapsed.TotalSeconds:0.00} s, {Batches} batches{writes})");
        }
    }

    public static async Task RunAsync(string provider, int enrollments, int offers)
    {
        await using var server = await BenchServer.StartAsync(provider, "Runtime:Enabled=false", "Delivery:Enabled=false");
        var runner = server.Services.GetRequiredService<JourneyRunner>();
        foreach (var prefix in new[] { "plain-", "decide-", "deliver-" })
        {
            await OfferCatalog.UpsertCustomersAsync(server.Client, prefix, enrollments);
            await OfferCatalog.UpsertCustomersAsync(server.Client, "warm-" + prefix, WarmUp);
        }

        var plainJourney = await WarmThenCreateAsync(server, runner, RuntimeJourneys.ThreeNodes, "plain", stepsEach: 2);
        var plain = await DrainAsync(server, runner, plainJourney, "plain-", enrollments, stepsEach: 2);

        await OfferCatalog.CreateOffersAsync(server.Client, offers);
        await OfferCatalog.CreateFlowAsync(server.Client);
        await OfferCatalog.CreateWebhookChannelAsync(server.Client, "http://127.0.0.1:9/hook", "whsec_bench_0123456789abcdef");
        var decideJourney = await WarmThenCreateAsync(server, runner, Decide, "decide", stepsEach: 2);
        var decide = await DrainAsync(server, runner, decideJourney, "decide-", enrollments, stepsEach: 2);
        var deliverJourney = await WarmThenCreateAsync(server, runner, DecideAndDeliver, "deliver", stepsEach: 3);
        var deliver = await DrainAsync(server, runner, deliverJourney, "deliver-", enrollments, stepsEach: 3);

        var decided = await DecisionsAsync(server, decideJourney);
        var decidedBeforeDelivering = await DecisionsAsync(server, deliverJourney);
        var queued = await Driver.ScalarAsync(server,
            "SELECT COUNT(*) FROM deliveries WHERE journey_id = @journey AND status = 'pending' AND offer_id IS NOT NULL", ("@journey", deliverJourney));
        if (queued != decidedBeforeDelivering)
        {
            throw new InvalidOperationException($"{queued} deliveries with an offer queued for {decidedBeforeDelivering} decisions");
        }

        var size = enrollments.ToString("N0", CultureInfo.InvariantCulture);
        Report.Line(provider, $"drain {size}, decide nothing", plain.ToString());
        Report.Line(provider, $"drain {size}, decide ({offers} offers)", $"{decide} — {Share(decided, enrollments)} got an offer");
        Report.Line(provider, $"drain {size}, decide and deliver", $"{deliver} — {Share(queued, enrollments)} queued with an offer");
        Report.Line(provider, "drain throughput kept", string.Create(CultureInfo.InvariantCulture,
            $"decide {decide.StepsPerSecond / plain.StepsPerSecond:P0} of steps/s ({decide.EnrollmentsPerSecond / plain.EnrollmentsPerSecond:P0} of enrollments/s); "
            + $"decide and deliver {deliver.StepsPerSecond / plain.StepsPerSecond:P0} of steps/s ({deliver.EnrollmentsPerSecond / plain.EnrollmentsPerSecond:P0} of enrollments/s)"));
    }

    /// <summary>Drains a small backlog of a twin journey first, so the code paths are warm; returns the journey to measure.</summary>
    private static async Task<string> WarmThenCreateAsync(BenchServer server, JourneyRunner runner, string definition, string name, int stepsEach)
    {
        var twin = await Journeys.CreateActiveAsync(server.Client, definition, $"{name} (warm-up)");
        await DrainAsync(server, runner, twin, $"warm-{name}-", WarmUp, stepsEach);
        return await Journeys.CreateActiveAsync(server.Client, definition, name);
    }

    private static async Task<Drained> DrainAsync(BenchServer server, JourneyRunner runner, string journeyId, string prefix, int enrollments, int stepsEach)
    {
        await RuntimeJourneys.EnrollAsync(server.Client, journeyId, prefix, enrollments);
        await Driver.SettleAsync(server);
        var postgres = server.Provider == "postgres";
        var xidBefore = postgres ? await Driver.NextTransactionIdAsync(server) : 0;
        var started = Stopwatch.GetTimestamp();
        var moved = await runner.RunDueAsync(CancellationToken.None);
        var elapsed = Stopwatch.GetElapsedTime(started);
        long? writes = postgres ? await Driver.NextTransactionIdAsync(server) - xidBefore : null;

        var completed = await Driver.ScalarAsync(server,
            "SELECT COUNT(*) FROM enrollments WHERE journey_id = @journey AND status = 'completed' AND step_count = @steps",
            ("@journey", journeyId), ("@steps", stepsEach + 1));
        if (moved != enrollments || completed != enrollments)
        {
            throw new InvalidOperationException($"drained {moved}, completed {completed} with {stepsEach + 1} steps; expected {enrollments}");
        }
        return new Drained(enrollments, stepsEach, elapsed, await Driver.BatchesAsync(server, journeyId), writes);
    }

    private static Task<long> DecisionsAsync(BenchServer server, string journeyId) =>
        Driver.ScalarAsync(server, "SELECT COUNT(*) FROM decisions WHERE journey_id = @journey", ("@journey", journeyId));

    private static string Share(long part, int whole) => string.Create(CultureInfo.InvariantCulture, $"{part:N0} ({(double)part / whole:P0})");
}
