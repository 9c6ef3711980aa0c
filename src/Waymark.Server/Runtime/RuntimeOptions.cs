namespace Waymark.Server.Runtime;

/// <summary>The <c>Runtime</c> configuration section.</summary>
public sealed class RuntimeOptions
{
    /// <summary>Run the scheduler in this process. Off for nodes that only serve the API.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the scheduler looks for due work when nothing woke it.</summary>
    public int PollIntervalMs { get; set; } = 1000;

    /// <summary>Enrollments claimed and applied per transaction.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How long a claim holds; a crashed node's claims are taken over after this.</summary>
    public int LeaseSeconds { get; set; } = 30;
}
