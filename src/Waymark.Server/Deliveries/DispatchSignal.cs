namespace Waymark.Server.Deliveries;

/// <summary>
/// Wakes the dispatcher of this process at once (after the runner commits deliveries, or a retry
/// call) instead of at its next poll. Other nodes still find the work at their next poll.
/// </summary>
public sealed class DispatchSignal : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Notify()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers any number of notifications.
        }
    }

    /// <summary>Waits for a notification or until <paramref name="timeout"/> passes on <paramref name="clock"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken stopping)
    {
        using var elapsed = new CancellationTokenSource(timeout, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stopping, elapsed.Token);
        try
        {
            await _wake.WaitAsync(either.Token);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            // The poll interval passed.
        }
    }

    public void Dispose() => _wake.Dispose();
}
