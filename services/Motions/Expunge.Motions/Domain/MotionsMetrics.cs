using System.Diagnostics.Metrics;
using Expunge.Hosting;

namespace Expunge.Motions.Domain;

/// <summary>expunge.motions.* business metrics.</summary>
public sealed class MotionsMetrics(ExpungeTelemetry telemetry)
{
    public Counter<long> Packages { get; } = telemetry.Meter.CreateCounter<long>("expunge.motions.packages", description: "Filing packages generated");

    public Counter<long> FiledConvictions { get; } = telemetry.Meter.CreateCounter<long>("expunge.motions.filed_convictions",
        description: "Convictions listed in a motion's exhibit");

    public Counter<long> CourtResponses { get; } = telemetry.Meter.CreateCounter<long>("expunge.motions.court_responses",
        description: "Rows the court answered, by outcome");
}
