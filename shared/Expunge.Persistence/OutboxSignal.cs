using Expunge.Security;

namespace Expunge.Persistence;

/// <summary>
/// The hand-off from a committed transaction to this process's relay: wakes the relay, and keeps the last few committed
/// messages as objects, so the relay publishes them as they are instead of reading their JSON back into objects (which
/// cost the relay more than publishing). The outbox row stays the truth: a message not held here (evicted, staged by
/// another instance, or from before a restart) is read from its row.
/// <para>The rows' bodies are stored encrypted with <see cref="Cipher"/>: a person's whole history travels in them.</para>
/// </summary>
public sealed class OutboxSignal(FieldCipher cipher) : WakeSignal
{
    /// <summary>The purpose (associated data) outbox bodies are sealed under.</summary>
    public const string BodyColumn = "messaging.outbox.body";

    /// <summary>Seals and opens the outbox rows' bodies.</summary>
    public FieldCipher Cipher { get; } = cipher;

    /// <summary>A stage's batch is a few megabytes as objects: a few dozen cover what the relay publishes next.</summary>
    private const int Held = 32;

    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, object> _messages = [];
    private readonly Queue<Guid> _arrival = new();

    /// <summary>Messages whose outbox rows this process has just committed (by message id), then wakes the relay.</summary>
    public void Committed(IEnumerable<(Guid MessageId, object Message)> messages)
    {
        lock (_lock)
        {
            foreach (var (id, message) in messages)
            {
                // The first of two with one id, as the outbox row keeps the first.
                if (_messages.TryAdd(id, message)) _arrival.Enqueue(id);
            }
            while (_arrival.Count > Held) _messages.Remove(_arrival.Dequeue());
        }
        Notify();
    }

    /// <summary>The committed message with this id if it is still held (once: the relay publishes it).</summary>
    public object? Take(Guid messageId)
    {
        lock (_lock)
        {
            return _messages.Remove(messageId, out var message) ? message : null;
        }
    }
}
