namespace Expunge.Persistence;

/// <summary>
/// Wakes a background loop as soon as there is work, instead of waiting for its next poll. Several notifications
/// before the loop wakes collapse into one: one wake-up handles everything pending.
/// </summary>
public abstract class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        try { _pending.Release(); }
        catch (SemaphoreFullException) { /* already signalled */ }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _pending.WaitAsync(timeout, ct);

    public void Dispose()
    {
        _pending.Dispose();
        GC.SuppressFinalize(this);
    }
}
