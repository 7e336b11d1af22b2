using System.Diagnostics.Metrics;
using Expunge.Hosting;

namespace Expunge.Ingestion.Domain;

public sealed class IngestionMetrics(ExpungeTelemetry telemetry)
{
    public Counter<long> RowsRead { get; } = telemetry.Meter.CreateCounter<long>("expunge.ingestion.rows_read", "{row}");
    public Counter<long> RowsRejected { get; } = telemetry.Meter.CreateCounter<long>("expunge.ingestion.rows_rejected", "{row}");
    public Counter<long> BatchesPublished { get; } = telemetry.Meter.CreateCounter<long>("expunge.ingestion.batches", "{batch}");
}
