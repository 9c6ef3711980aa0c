using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Waymark.Server.Runtime;

namespace Waymark.Bench;

/// <summary>
/// A backlog of due enrollments on <see cref="RuntimeJourneys.ThreeNodes"/> worked off by
/// <see cref="JourneyRunner.RunDueAsync"/>, against the same backlog in a second, identical journey
/// worked off by <see cref="RawDrain"/>. The server's own scheduler is off, so nothing else moves.
/// </summary>
public static class DrainBenchmark
{
    private const int StepsPerEnrollment = 2;

    private sealed record Drained(TimeSpan Elapsed, int Enrollments, long Batches, long? WriteTransactions)
    {
        public double StepsPerSecond => Enrollments * StepsPerEnrollment / Elapsed.TotalSeconds;

        // Each batch commits its claim and then its apply; the pass that finds nothing writes nothing.
        public double CommitsPerStep => 2.0 * Batches / (Enrollments * StepsPerEnrollment);

        public override string ToString()
        {
            var writes = WriteTransactions is { } w ? $", {w} write transactions" : "";
            return string.Create(CultureInfo.InvariantCulture,
                $"{StepsPerSecond:N0} steps/s, {Enrollments / Elapsed.TotalSeconds:N0} enrollments/s ({Elapsed.TotalSeconds:0.00} s, {Batches} batches, {CommitsPerStep:0.0000} commits/step{writes})");
        }
    }

    public static async Task RunAsync(string provider, int enrollments)
    {
        await using var server = await BenchServer.StartAsync(provider, "Runtime:Enabled=false");
        var options = server.Services.GetRequiredService<IOptions<RuntimeOptions>>().Value;
        var runner = server.Services.GetRequiredService<JourneyRunner>();
        var rawJourney = await Journeys.CreateActiveAsync(server.Client, RuntimeJourneys.ThreeNodes, "drain by driver");
        var waymarkJourney = await Journeys.CreateActiveAsync(server.Client, RuntimeJourneys.ThreeNodes, "drain by runner");

        // Each backlog is enrolled just before it is drained, so neither claim has to step over the
        // other's rows. The driver loop goes first: the runner then works over the larger tables,
        // which errs against it.
        await RuntimeJourneys.EnrollAsync(server.Client, rawJourney, "raw-", enrollments);
        var raw = await MeasureAsync(server, rawJourney, enrollments,
            () => RawDrain.RunAsync(server, rawJourney, options.BatchSize, options.LeaseSeconds));
        await RuntimeJourneys.EnrollAsync(server.Client, waymarkJourney, "runner-", enrollments);
        var waymark = await MeasureAsync(server, waymarkJourney, enrollments, () => runner.RunDueAsync(CancellationToken.None));

        var size = enrollments.ToString("N0", CultureInfo.InvariantCulture);
        Report.Line(provider, $"drain {size} via runner", waymark.ToString());
        Report.Line(provider, $"drain {size} via driver loop", raw.ToString());
        Report.Line(provider, "drain runner / driver loop", string.Create(CultureInfo.InvariantCulture,
            $"{waymark.StepsPerSecond / raw.StepsPerSecond:0.00}x (batch {options.BatchSize})"));
    }

    private static async Task<Drained> MeasureAsync(BenchServer server, string journeyId, int enrollments, Func<Task<int>> drain)
    {
        await Driver.SettleAsync(server);
        var postgres = server.Provider == "postgres";
        var xidBefore = postgres ? await Driver.NextTransactionIdAsync(server) : 0;
        var started = Stopwatch.GetTimestamp();
        var moved = await drain();
        var elapsed = Stopwatch.GetElapsedTime(started);
        long? writes = postgres ? await Driver.NextTransactionIdAsync(server) - xidBefore : null;

        var completed = await Driver.ScalarAsync(server,
            "SELECT COUNT(*) FROM enrollments WHERE journey_id = @journey AND status = 'completed' AND step_count = 3", ("@journey", journeyId));
        var steps = await Driver.ScalarAsync(server,
            "SELECT COUNT(*) FROM enrollment_steps s JOIN enrollments e ON e.id = s.enrollment_id WHERE e.journey_id = @journey",
            ("@journey", journeyId));
        if (moved != enrollments || completed != enrollments || steps != 3L * enrollments)
        {
            throw new InvalidOperationException($"drained {moved}, completed {completed}, {steps} history rows; expected {enrollments} and {3L * enrollments}");
        }
        return new Drained(elapsed, moved, await Driver.BatchesAsync(server, journeyId), writes);
    }
}
