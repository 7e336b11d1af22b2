using Dapper;
using Expunge.Contracts;
using Expunge.Ingestion.Domain;
using Expunge.Persistence;
using Expunge.Security;
using Npgsql;

namespace Expunge.Ingestion.Data;

/// <summary>
/// Single record events: each new event is a run of one batch (ARCHITECTURE.md: "a single record event travels as a
/// batch of one"), stored and published in one transaction. A re-sent event (same source and record id) changes
/// nothing and answers with the run the first one made.
/// </summary>
public sealed class RecordEventStore(NpgsqlDataSource db, OutboxSignal outbox, RunProgress progress, FieldCipher cipher)
{
    /// <summary>The event as received, encrypted: it names the person.</summary>
    public const string EventColumn = "ingestion.record_event.event_json";

    public async Task<(Guid RunId, bool Created)> AcceptAsync(RecordEventSubmitted e, SourceRow row, CancellationToken ct)
    {
        var (source, recordId) = (e.Source.Trim(), e.RecordId.Trim());
        await using var tx = await OutboxTransaction.BeginAsync(db, outbox, ct);
        var runId = Guid.CreateVersion7();
        var inserted = await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO ingestion.record_event (source, record_id, run_id, event_json) VALUES (@source, @recordId, @runId, @json)
            ON CONFLICT (source, record_id) DO NOTHING
            """, new { source, recordId, runId, json = cipher.Seal(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(e, System.Text.Json.JsonSerializerOptions.Web), EventColumn) },
            tx.Transaction, cancellationToken: ct));
        if (inserted == 0)
        {
            // Nothing staged yet: disposing the transaction rolls it back.
            return (await tx.Connection.ExecuteScalarAsync<Guid>(new CommandDefinition(
                "SELECT run_id FROM ingestion.record_event WHERE source = @source AND record_id = @recordId", new { source, recordId },
                tx.Transaction, cancellationToken: ct)), false);
        }
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO ingestion.run (run_id, status, closed_at, ingested_at, rows_read, records, batch_count)
            VALUES (@runId, 'ingested', now(), now(), 1, 1, 1);
            WITH file AS (
                INSERT INTO ingestion.run_file (run_id, name, kind, rows_read, rows_rejected) VALUES (@runId, @file, 'event', 1, 0)
                RETURNING file_id
            )
            INSERT INTO ingestion.raw_row (run_id, file_id, source, line, source_record_id, row_id, fields)
            SELECT @runId, file_id, @source, 1, @recordId, @recordId, @fields FROM file;
            """, new { runId, file = row.File, source, recordId, fields = RawRowColumns.SealFields(cipher, row.Fields) }, tx.Transaction, cancellationToken: ct));
        tx.Publish(MessageIds.For(runId, RunCloser.StageName, 0), new SourceRecordsIngested
        {
            RunId = runId, Sequence = 0, Records = [SourceRecords.CountyRecord(source, recordId, [row])],
        });
        await progress.RecordStageDoneAsync(tx, runId, 1, 1, ct);
        tx.Publish(MessageIds.For(runId, RunCloser.StageName + ".run-ingested", 0), new RunIngested
        {
            RunId = runId, BatchCount = 1, RowsRead = 1, RowsRejected = 0, Records = 1,
        });
        await tx.CommitAsync(ct);
        return (runId, true);
    }
}
