using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Waymark.Domain.Definitions;
using Waymark.Domain.Simulation;

namespace Waymark.Bench;

/// <summary>
/// POST /test on a 50-node definition: the whole request over loopback, and the server's own work
/// for it (parse the stored definition, walk it) measured in-process.
/// </summary>
public static class SimulationBenchmark
{
    private const string Attributes = """{"customerAttributes": {"tier": "gold", "age": 34, "country": "DE"}}""";

    public static async Task RunAsync(BenchServer server, int requests)
    {
        var definition = Journeys.FiftyNodes();
        var journeyId = await Journeys.CreateAsync(server.Client, definition, "fifty");

        var http = new List<double>();
        for (var i = -200; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await server.Client.PostAsync($"/api/v1/journeys/{journeyId}/test",
                new StringContent(Attributes, Encoding.UTF8, "application/json"));
            var body = await response.Content.ReadAsStringAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i == 0 && !body.Contains("\"outcome\":\"completed\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"unexpected simulation: {body}");
            }
            if (i >= 0) http.Add(elapsed);
        }
        Report.Line(server.Provider, "POST /test (50 nodes), HTTP", new Stats(http).ToString());
    }

    /// <summary>The engine alone: what the endpoint computes per request once the journey row is read.</summary>
    public static void RunEngine(int runs)
    {
        var stored = Journeys.FiftyNodes();
        using var attributes = JsonDocument.Parse("""{"tier": "gold", "age": 34, "country": "DE"}""");
        var now = new DateTime(2026, 3, 16, 14, 30, 0, DateTimeKind.Utc);
        var samples = new List<double>(runs);
        for (var i = -2000; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var document = JsonDocument.Parse(stored);
            var definition = DefinitionParser.Parse(document.RootElement).Definition!;
            var result = Simulator.Run(definition, attributes.RootElement, now);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (result.Steps.Count != 49) throw new InvalidOperationException($"walked {result.Steps.Count} steps");
            if (i >= 0) samples.Add(elapsed);
        }
        Report.Line("engine", "parse + simulate 50 nodes", new Stats(samples).ToString());
    }
}
