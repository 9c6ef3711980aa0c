namespace Waymark.Server.Runtime;

/// <summary>
/// Wakes a worker of this process at once instead of at its next poll. Other nodes still find
/// the work at their next poll. One wake-up covers any number of notifications.
/// </summary>
public abstract class WakeSignal : IDisposable
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
            // Already signalled.
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

    public void Dispose()
    {
        _wake.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Wakes the scheduler after an enroll or an event.</summary>
public sealed class RuntimeSignal : WakeSignal;
