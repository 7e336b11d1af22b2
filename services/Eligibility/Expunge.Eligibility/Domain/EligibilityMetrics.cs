using System.Diagnostics.Metrics;
using Expunge.Hosting;

namespace Expunge.Eligibility.Domain;

public sealed class EligibilityMetrics(ExpungeTelemetry telemetry)
{
    /// <summary>Decisions made, by determination (no record details: counts only).</summary>
    public Counter<long> Decisions { get; } = telemetry.Meter.CreateCounter<long>("expunge.eligibility.decisions", "{decision}");
}
