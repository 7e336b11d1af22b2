using Expunge.OperatorConsole.Apis;

namespace Expunge.OperatorConsole.Domain;

/// <summary>One step of a run's funnel: how many got this far. <see cref="Depth"/> 1 is a breakdown of the step above.</summary>
public sealed record FunnelStep(string Label, long? Count, int Depth = 0);

/// <summary>
/// Where a run's rows went: read, rejected, records, people, convictions decided (by determination), filed, delivered.
/// Pure: built from what the services answered; a service that has not seen the run yet leaves its steps empty.
/// </summary>
public static class RunFunnel
{
    public static IReadOnlyList<FunnelStep> Of(RunInfo run, RunDeterminations? decided, IReadOnlyList<PackageInfo> packages,
        IReadOnlyList<DeliveryInfo> deliveries)
    {
        var steps = new List<FunnelStep>
        {
            new("Rows read", run.RowsRead),
            new("Rows rejected (with reasons)", run.RowsRejected, 1),
            new("Source records", run.Records),
            new("People", decided?.People),
            new("Convictions decided", decided?.Convictions.Sum(c => c.Count)),
        };
        if (decided is not null)
        {
            steps.AddRange(decided.Convictions.GroupBy(c => c.Determination).OrderByDescending(g => g.Sum(c => c.Count))
                .Select(g => new FunnelStep(g.Key, g.Sum(c => c.Count), 1)));
        }
        var current = Current(packages);
        var delivered = deliveries.Where(d => d.Status == "delivered").Select(d => d.SubjectId).ToHashSet();
        steps.Add(new FunnelStep("Convictions in filings", current.Count == 0 ? null : current.Sum(p => p.EligibleRows)));
        steps.Add(new FunnelStep("Filing packages", current.Count == 0 ? null : current.Count, 1));
        steps.Add(new FunnelStep("Convictions delivered to a clerk", current.Count == 0 ? null : current.Where(p => delivered.Contains(p.PackageId)).Sum(p => p.EligibleRows)));
        return steps;
    }

    /// <summary>The latest version of each package (a package asked for again keeps its key and gains a version).</summary>
    public static IReadOnlyList<PackageInfo> Current(IEnumerable<PackageInfo> packages) =>
        [.. packages.GroupBy(p => p.PackageKey).Select(g => g.MaxBy(p => p.Version)!).OrderBy(p => p.Court).ThenBy(p => p.Agency)];
}
