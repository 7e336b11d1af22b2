using Expunge.Persistence;

namespace Expunge.Testing;

/// <summary>Crashes (throws) once at a chosen point, as a process dying there would; every later pass goes through.</summary>
public sealed class FaultPlan(FaultPoint crashAt, string crashIn) : IFaultInjector
{
    private int _fired;

    public bool Fired => Volatile.Read(ref _fired) == 1;

    public void At(FaultPoint point, string where)
    {
        if (point == crashAt && where == crashIn && Interlocked.CompareExchange(ref _fired, 1, 0) == 0)
        {
            throw new InjectedFaultException(point, where);
        }
    }
}
