using System.Diagnostics;
using System.Globalization;

namespace Expunge.Persistence;

/// <summary>Points where a process can die and the guarantees must still hold.</summary>
public enum FaultPoint
{
    /// <summary>A consumer has done its work in its transaction, which has not committed yet.</summary>
    BeforeConsumerCommit,

    /// <summary>A consumer's transaction has committed but the broker has not been acknowledged.</summary>
    AfterConsumerCommit,

    /// <summary>The relay has published (and the broker confirmed) but the outbox rows are not yet marked sent.</summary>
    AfterOutboxPublish,
}

/// <summary>
/// A seam for tests that prove the delivery guarantees: production registers <see cref="NoFaults"/>;
/// a test registers a plan that throws at a chosen point, which to the rest of the system looks like a crash there;
/// the chaos suite starts a service with <see cref="ProcessKillAtFault.Variable"/> set, which kills it for real.
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

/// <summary>
/// SIGKILLs its own process the <c>n</c>th time it passes a fault point, as `kill -9` at exactly that moment would:
/// no finally block, no shutdown hook, no acknowledgement. Only the chaos suite sets the variable; it then starts the
/// service again without it and checks that nothing was lost or done twice.
/// </summary>
public sealed class ProcessKillAtFault(FaultPoint killAt, int nth) : IFaultInjector
{
    /// <summary><c>EXPUNGE_CHAOS_KILL_AT=AfterConsumerCommit@3</c>: the point, and on which pass (default the first).</summary>
    public const string Variable = "EXPUNGE_CHAOS_KILL_AT";

    private int _passes;

    public FaultPoint Point => killAt;

    public int Pass => nth;

    public static ProcessKillAtFault? FromEnvironment() => FromSetting(Environment.GetEnvironmentVariable(Variable));

    /// <returns><c>null</c> when nothing is set (every production process).</returns>
    public static ProcessKillAtFault? FromSetting(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting)) return null;
        var parts = setting.Split('@', 2);
        if (!Enum.TryParse<FaultPoint>(parts[0], ignoreCase: false, out var point)
            || (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)))
        {
            throw new InvalidOperationException(
                $"{Variable}='{setting}' is not a fault point and pass (expected one of {string.Join(", ", Enum.GetNames<FaultPoint>())}, optionally '@N' with N ≥ 1).");
        }
        return new ProcessKillAtFault(point, parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 1);
    }

    public void At(FaultPoint point, string where)
    {
        if (point == killAt && Interlocked.Increment(ref _passes) == nth)
        {
            Console.Error.WriteLine($"chaos: killing this process at {point} in {where} (pass {nth})");
            Console.Error.Flush();
            Process.GetCurrentProcess().Kill();
        }
    }
}
