using System.Globalization;
using Waymark.Bench;
using Waymark.Server.Tests.Infrastructure;

// Usage: dotnet run -c Release --project bench/Waymark.Bench [-- sqlite|postgres|both] [--quick]
var providers = args.Contains("postgres") ? ["postgres"] : args.Contains("sqlite") ? new[] { "sqlite" } : ["sqlite", "postgres"];
var quick = args.Contains("--quick");
var enrollIterations = quick ? 5 : 30;
var testRequests = quick ? 200 : 3000;
var listRequests = quick ? 100 : 1000;
var journeys = quick ? 1000 : 10_000;

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Waymark benchmarks — {Environment.ProcessorCount} cores, .NET {Environment.Version}, {(quick ? "quick" : "full")} run"));
SimulationBenchmark.RunEngine(quick ? 2000 : 20_000);
foreach (var provider in providers)
{
    await using var server = await BenchServer.StartAsync(provider);
    await EnrollBenchmark.RunAsync(server, enrollIterations);
    await SimulationBenchmark.RunAsync(server, testRequests);
    await ListBenchmark.RunAsync(server, journeys, listRequests);
}
if (providers.Contains("postgres")) await (await PostgresCluster.Shared).DisposeAsync();
