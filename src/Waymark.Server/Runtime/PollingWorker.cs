namespace Waymark.Server.Runtime;

/// <summary>
/// A worker of one process that drains due work whenever it is woken or its poll interval
/// passes. A failed pass is logged and retried at the next wake-up: its claims' leases expire, so
/// the work is taken up again, never lost. Only one drain runs at a time per worker.
/// </summary>
public abstract partial class PollingWorker(WakeSignal signal, TimeProvider clock, ILogger logger) : BackgroundService
{
    private readonly SemaphoreSlim _draining = new(1, 1);

    protected TimeProvider Clock { get; } = clock;

    /// <summary>This worker's name on its leases: unique per process start.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    protected abstract bool Enabled { get; }

    protected abstract int PollIntervalMs { get; }

    /// <summary>Claims and handles batches until nothing is due; returns how many items it took up.</summary>
    protected abstract Task<int> DrainAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        var interval = TimeSpan.FromMilliseconds(Math.Max(10, PollIntervalMs));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DrainExclusiveAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(logger, GetType().Name, e);
            }
            await signal.WaitAsync(interval, Clock, stoppingToken);
        }
    }

    /// <summary>Drains now, after any drain already under way in this process.</summary>
    protected async Task<int> DrainExclusiveAsync(CancellationToken ct)
    {
        await _draining.WaitAsync(ct);
        try
        {
            return await DrainAsync(ct);
        }
        finally
        {
            _draining.Release();
        }
    }

    public override void Dispose()
    {
        _draining.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Worker} pass failed; its claims will be taken up again when their leases expire")]
    private static partial void LogPassFailed(ILogger logger, string worker, Exception exception);
}
