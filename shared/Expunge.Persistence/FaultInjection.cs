namespace Expunge.Persistence;

/// <summary>Points where a process can die and the guarantees must still hold.</summary>
public enum FaultPoint
{
    /// <summary>A consumer's transaction has committed but the broker has not been acknowledged.</summary>
    AfterConsumerCommit,

    /// <summary>The relay has published (and the broker confirmed) but the outbox rows are not yet marked sent.</summary>
    AfterOutboxPublish,
}

/// <summary>
/// A seam for tests that prove the delivery guarantees: production registers <see cref="NoFaults"/>;
/// a test registers a plan that throws at a chosen point, which to the rest of the system looks like a crash there.
/// </summary>
public interface IFaultInjector
{
    void At(FaultPoint point, string where);
}

public sealed class NoFaults : IFaultInjector
{
    public void At(FaultPoint point, string where) { }
}

/// <summary>A simulated crash: thrown only by an <see cref="IFaultInjector"/> under test.</summary>
public sealed class InjectedFaultException(FaultPoint point, string where)
    : Exception($"Injected fault at {point} in {where}");
