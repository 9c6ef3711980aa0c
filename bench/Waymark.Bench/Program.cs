using System.Globalization;
using Waymark.Bench;
using Waymark.Server.Tests.Infrastructure;

// Usage: dotnet run -c Release --project bench/Waymark.Bench [-- sqlite|postgres] [api|runtime|drain|lateness|events|outreach ...] [--quick]
// With no suite named, all of them run. "runtime" stands for drain, lateness and events.
var providers = args.Contains("postgres") ? ["postgres"] : args.Contains("sqlite") ? new[] { "sqlite" } : ["sqlite", "postgres"];
var quick = args.Contains("--quick");
string[] runtime = ["drain", "lateness", "events"];
var named = args.SelectMany(a => a == "runtime" ? runtime : [a]).Where(a => a == "api" || a == "outreach" || runtime.Contains(a)).ToHashSet();
var suites = named.Count > 0 ? named : ["api", .. runtime, "outreach"];

var enrollIterations = quick ? 5 : 30;
var testRequests = quick ? 200 : 3000;
var listRequests = quick ? 100 : 1000;
var journeys = quick ? 1000 : 10_000;
var drained = quick ? 5000 : 100_000;
var timers = quick ? 5000 : 100_000;
var spread = TimeSpan.FromSeconds(quick ? 10 : 60);
var eventRequests = quick ? 20 : 200;

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Waymark benchmarks — {Environment.ProcessorCount} cores, .NET {Environment.Version}, {(quick ? "quick" : "full")} run"));
if (suites.Contains("api")) SimulationBenchmark.RunEngine(quick ? 2000 : 20_000);
foreach (var provider in providers)
{
    if (suites.Contains("api"))
    {
        // Requests alone: with the scheduler on, the customers just enrolled would be advanced
        // underneath the next measurement.
        await using var server = await BenchServer.StartAsync(provider, "Runtime:Enabled=false");
        await EnrollBenchmark.RunAsync(server, enrollIterations);
        await SimulationBenchmark.RunAsync(server, testRequests);
        await ListBenchmark.RunAsync(server, journeys, listRequests);
    }
    if (suites.Contains("drain")) await DrainBenchmark.RunAsync(provider, drained);
    if (suites.Contains("lateness")) await LatenessBenchmark.RunAsync(provider, timers, spread);
    if (suites.Contains("events")) await EventsBenchmark.RunAsync(provider, eventRequests);
    if (suites.Contains("outreach")) await OutreachBenchmark.RunAsync(provider, quick);
}
if (providers.Contains("postgres")) await (await PostgresCluster.Shared).DisposeAsync();
