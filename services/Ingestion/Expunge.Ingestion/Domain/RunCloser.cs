using Expunge.Contracts;
using Expunge.Ingestion.Data;
using Expunge.Persistence;
using Npgsql;

namespace Expunge.Ingestion.Domain;

/// <summary>Wakes the closer when a run is closed over HTTP.</summary>
public sealed class RunClosingSignal : WakeSignal;

/// <summary>
/// Turns a closed run's accepted rows into batches on the outbox, then announces the batch count. Batches are
/// committed a few at a time (a county run is too big for one transaction); their order and message ids are
/// deterministic, so a closer that dies half-way starts the run again after a restart and the batches it had
/// already written are kept, not duplicated.
/// </summary>
public sealed class RunCloser(
    NpgsqlDataSource db,
    IngestionRuns runs,
    RawRowStore rows,
    RunBatching batching,
    RunClosingSignal closing,
    OutboxSignal outbox,
    RunProgress progress,
    IngestionMetrics metrics,
    ILogger<RunCloser> logger) : BackgroundService
{
    public const string StageName = "ingestion";
    private const int BatchesPerTransaction = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var (runId, traceParent) in await runs.ClosingAsync(stoppingToken))
                {
                    using var activity = MessagingTelemetry.Continue("ingest run", traceParent);
                    activity?.SetTag("expunge.run_id", runId);
                    await IngestRunAsync(runId, stoppingToken);
                }
                await closing.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Closing runs failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    private async Task IngestRunAsync(Guid runId, CancellationToken ct)
    {
        // A closing run takes no more files (an upload holds the run's row FOR SHARE until it commits), so its counts are final.
        var run = await runs.FindAsync(runId, ct) ?? throw new InvalidOperationException($"Run {runId} vanished while closing.");
        var policy = await runs.PolicyOfAsync(runId, ct);
        var sequence = 0;
        long records = 0;
        var pending = new List<SourceRecordsIngested>();
        await foreach (var batch in SourceRecords.Batches(rows.AcceptedRowsAsync(runId, ct), batching.RecordsPerBatch).WithCancellation(ct))
        {
            pending.Add(new SourceRecordsIngested { RunId = runId, Sequence = sequence++, Records = batch, RunPolicy = policy });
            records += batch.Count;
            if (pending.Count == BatchesPerTransaction)
            {
                await WriteBatchesAsync(pending, ct);
                pending.Clear();
            }
        }
        await using var tx = await OutboxTransaction.BeginAsync(db, outbox, ct);
        Stage(tx, pending);
        await IngestionRuns.MarkIngestedAsync(tx, runId, records, sequence, ct);
        await progress.RecordStageDoneAsync(tx, runId, sequence, records, ct);
        tx.Publish(MessageIds.For(runId, StageName + ".run-ingested", 0), new RunIngested
        {
            RunId = runId, BatchCount = sequence, RowsRead = run.RowsRead, RowsRejected = run.RowsRejected, Records = records,
        });
        await tx.CommitAsync(ct);
        metrics.BatchesPublished.Add(sequence);
        logger.LogInformation("Run {RunId} ingested: {Records} records in {Batches} batches", runId, records, sequence);
    }

    private async Task WriteBatchesAsync(List<SourceRecordsIngested> batches, CancellationToken ct)
    {
        await using var tx = await OutboxTransaction.BeginAsync(db, outbox, ct);
        Stage(tx, batches);
        await tx.CommitAsync(ct);
    }

    private static void Stage(OutboxTransaction tx, List<SourceRecordsIngested> batches)
    {
        foreach (var batch in batches)
        {
            tx.Publish(MessageIds.For(batch.RunId, StageName, batch.Sequence), batch);
        }
    }
}
