namespace Expunge.Persistence;

/// <summary>Wakes the relay as soon as a transaction with outgoing messages commits.</summary>
public sealed class OutboxSignal : WakeSignal;
