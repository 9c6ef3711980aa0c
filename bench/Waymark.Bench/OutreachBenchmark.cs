namespace Waymark.Bench;

/// <summary>
/// Decisioning and delivery: recommend latency over a thousand offers, webhook deliveries per
/// second against the receiver's ceiling, and the runtime throughput kept when steps decide and deliver.
/// </summary>
public static class OutreachBenchmark
{
    private const int RecommendOffers = 1000;
    private const int RecommendCustomers = 1000;
    private const int DrainOffers = 100;

    public static async Task RunAsync(string provider, bool quick)
    {
        await RecommendBenchmark.RunAsync(provider, RecommendOffers, RecommendCustomers, calls: quick ? 300 : 2000);
        await WebhookBenchmark.RunAsync(provider, deliveries: quick ? 5000 : 20_000);
        await OutreachDrainBenchmark.RunAsync(provider, enrollments: quick ? 5000 : 20_000, DrainOffers);
    }
}
