namespace Waymark.Server.Deliveries;

/// <summary>The <c>Delivery</c> configuration section.</summary>
public sealed class DeliveryOptions
{
    /// <summary>Run the dispatcher in this process. Defaults to <c>Runtime:Enabled</c>: API-only nodes neither step nor send.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the dispatcher looks for due deliveries when nothing woke it.</summary>
    public int PollIntervalMs { get; set; } = 1000;

    /// <summary>Deliveries claimed per claim.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Deliveries of one batch sent at the same time (those to one customer go one after another).</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>
    /// How long a claim holds without news; renewed before each delivery and after each try. It must
    /// exceed the longest try (timeoutMs, at most 60 s) plus the longest backoff (<see cref="MaxDelayMs"/>).
    /// </summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Tries per send, the first included, before a delivery is failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first backoff; each next one doubles, with jitter.</summary>
    public int BaseDelayMs { get; set; } = 1000;

    /// <summary>No backoff is longer than this.</summary>
    public int MaxDelayMs { get; set; } = 30_000;
}
