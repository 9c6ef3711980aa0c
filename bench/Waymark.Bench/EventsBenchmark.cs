using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Waymark.Bench;

/// <summary>
/// POST /events with 100 events per request, one request at a time: 50 <c>signup</c>s that enter
/// new customers into a journey, and 50 <c>page_view</c>s from the previous request's customers,
/// which are enrolled but wait for nothing, so they resume nothing. The scheduler is off: this is
/// ingest alone (store, enter, look for waits to resume), not the steps that follow.
/// </summary>
public static class EventsBenchmark
{
    private const int PerRequest = 100;
    private const int WarmUp = 10;

    public static async Task RunAsync(string provider, int requests)
    {
        await using var server = await BenchServer.StartAsync(provider, "Runtime:Enabled=false");
        await Journeys.CreateActiveAsync(server.Client, RuntimeJourneys.ThreeNodesOnSignup, "signups");
        var bodies = Enumerable.Range(-WarmUp, requests + WarmUp).Select(Body).ToList();

        var samples = new List<double>(requests);
        for (var i = 0; i < bodies.Count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await server.Client.PostAsync("/api/v1/events", new StringContent(bodies[i], Encoding.UTF8, "application/json"));
            var answer = await response.Content.ReadAsStringAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Check(response, answer);
            if (i >= WarmUp) samples.Add(elapsed);
        }
        var stats = new Stats(samples);
        Report.Line(provider, $"events, {PerRequest} per POST", string.Create(CultureInfo.InvariantCulture,
            $"{requests * PerRequest / (samples.Sum() / 1000):N0} events/s; per request {stats}"));
    }

    private static string Body(int request) => JsonSerializer.Serialize(Enumerable.Range(0, PerRequest / 2).SelectMany(i => new object[]
    {
        new { eventType = "signup", customerId = $"c-{request}-{i}", eventId = $"signup-{request}-{i}", properties = new { plan = "pro", source = "web" } },
        new { eventType = "page_view", customerId = $"c-{request - 1}-{i}", eventId = $"view-{request}-{i}", properties = new { path = "/pricing" } },
    }));

    private static void Check(HttpResponseMessage response, string answer)
    {
        using var json = JsonDocument.Parse(answer);
        var root = json.RootElement;
        var entered = response.IsSuccessStatusCode
            ? root.GetProperty("results").EnumerateArray().Count(r => r.GetProperty("entered").GetArrayLength() == 1)
            : -1;
        if (entered != PerRequest / 2 || root.GetProperty("accepted").GetInt32() != PerRequest)
        {
            throw new InvalidOperationException($"events answered {response.StatusCode}: {answer}");
        }
    }
}
