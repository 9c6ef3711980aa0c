using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Waymark.Server.Runtime;

namespace Waymark.Bench;

/// <summary>
/// How late the server's own scheduler ends waits when many fall due close together: customers
/// wait a day on <see cref="RuntimeJourneys.WaitThenExit"/>, then one UPDATE through the driver
/// moves their due times to a spread starting five seconds ahead. That stands in for as many
/// waits started at different times. Lateness is when the exit after the wait was applied (its
/// history timestamp, millisecond precision) minus the due time.
/// </summary>
public static class LatenessBenchmark
{
    private static readonly TimeSpan HeadStart = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(string provider, int timers, TimeSpan spread)
    {
        await using var server = await BenchServer.StartAsync(provider, "Runtime:Enabled=true");
        var options = server.Services.GetRequiredService<IOptions<RuntimeOptions>>().Value;
        var journeyId = await Journeys.CreateActiveAsync(server.Client, RuntimeJourneys.WaitThenExit, "lateness");
        await RuntimeJourneys.EnrollAsync(server.Client, journeyId, "timer-", timers);
        await WaitForAsync(server, journeyId, "status = 'active' AND step_count = 2", timers, TimeSpan.FromMinutes(10));
        await Driver.SettleAsync(server);

        var postgres = server.Provider == "postgres";
        var xidBefore = postgres ? await Driver.NextTransactionIdAsync(server) : 0;
        var (due, writing) = await SpreadAsync(server, journeyId, timers, spread);
        // Counting is not free: start after the last timer is due.
        var last = due.Values.Max() - TimeProvider.System.GetUtcNow().UtcDateTime;
        if (last > TimeSpan.Zero) await Task.Delay(last);
        await WaitForAsync(server, journeyId, "status = 'completed'", timers, HeadStart + spread + TimeSpan.FromMinutes(10));
        var writes = postgres ? $", {await Driver.NextTransactionIdAsync(server) - xidBefore - 1:N0} write transactions" : "";

        var applied = await ExitsAsync(server, journeyId);
        var lateness = new Stats(applied.Select(a => (a.At - due[a.Id]).TotalMilliseconds));
        if (lateness.Count != timers) throw new InvalidOperationException($"{lateness.Count} exits for {timers} timers");
        // A batch stamps its history with one time; two batches in one millisecond count once.
        var batches = applied.Select(a => a.At).Distinct().Count();
        Report.Line(provider, string.Create(CultureInfo.InvariantCulture, $"lateness, {timers:N0} due over {spread.TotalSeconds:0} s"),
            string.Create(CultureInfo.InvariantCulture,
                $"p50 {lateness.Percentile(50):0} ms, p99 {lateness.Percentile(99):0} ms, max {lateness.Percentile(100):0} ms "
                + $"(at least {batches:N0} batches{writes}; poll {options.PollIntervalMs} ms, batch {options.BatchSize}; due times written in {writing.TotalSeconds:0.0} s)"));
    }

    // Due times in id order, HeadStart from now and spread evenly; kept to compare with the exits.
    private static async Task<(Dictionary<string, DateTime> Due, TimeSpan Writing)> SpreadAsync(
        BenchServer server, string journeyId, int timers, TimeSpan spread)
    {
        await using var connection = await Driver.OpenAsync(server);
        var ids = new List<string>(timers);
        await using (var select = Driver.Command(connection, "SELECT id FROM enrollments WHERE journey_id = @journey ORDER BY id", ("@journey", journeyId)))
        await using (var reader = await select.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        }

        var started = Stopwatch.GetTimestamp();
        var first = TimeProvider.System.GetUtcNow().UtcDateTime + HeadStart;
        var due = ids.Select((id, i) => (Id: id, At: first + spread * i / timers)).ToList();
        await using var update = server.Provider == "postgres"
            ? Driver.Command(connection,
                "UPDATE enrollments SET resume_at = r.due FROM unnest(@ids, @dues) AS r(id, due) WHERE enrollments.id = r.id",
                ("@ids", due.Select(d => d.Id).ToArray()), ("@dues", due.Select(d => d.At).ToArray()))
            : Driver.Command(connection, """
                UPDATE enrollments SET resume_at = r.due
                FROM (SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS due FROM json_each(@rows)) AS r
                WHERE enrollments.id = r.id
                """,
                // The text the SQLite driver writes for a DateTime, so it compares with the runner's parameters.
                ("@rows", JsonSerializer.Serialize(due.Select(d => new[] { d.Id, d.At.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) }))));
        update.CommandTimeout = 600;
        var updated = await update.ExecuteNonQueryAsync();
        if (updated != timers) throw new InvalidOperationException($"moved {updated} due times of {timers}");
        return (due.ToDictionary(d => d.Id, d => d.At, StringComparer.Ordinal), Stopwatch.GetElapsedTime(started));
    }

    private static async Task<List<(string Id, DateTime At)>> ExitsAsync(BenchServer server, string journeyId)
    {
        await using var connection = await Driver.OpenAsync(server);
        await using var command = Driver.Command(connection, """
            SELECT s.enrollment_id, s.at FROM enrollment_steps s JOIN enrollments e ON e.id = s.enrollment_id
            WHERE e.journey_id = @journey AND s.sequence = 3
            """, ("@journey", journeyId));
        var exits = new List<(string, DateTime)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) exits.Add((reader.GetString(0), reader.GetDateTime(1)));
        return exits;
    }

    private static async Task WaitForAsync(BenchServer server, string journeyId, string condition, int expected, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var count = await Driver.ScalarAsync(server, $"SELECT COUNT(*) FROM enrollments WHERE journey_id = @journey AND {condition}",
                ("@journey", journeyId));
            if (count >= expected) return;
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"{count} of {expected} enrollments reached {condition} in {timeout}");
            }
            await Task.Delay(500);
        }
    }
}
