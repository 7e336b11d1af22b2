using Dapper;
using Expunge.Contracts;
using Expunge.CountyRecords;
using Expunge.Persistence;
using Expunge.Security;
using Npgsql;

namespace Expunge.Ingestion.Data;

/// <summary>
/// After a sealed conviction's hold: its raw rows in every run lose their fields (the row, its line and its run's
/// counts stay), and a county record event that reported it keeps only a tombstone.
/// </summary>
public sealed class RawRowSealPurge(FieldCipher cipher) : ISealPurge
{
    public async Task PurgeAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<SealedReport> due, CancellationToken ct)
    {
        foreach (var record in due.GroupBy(d => (d.Report.Source, d.Report.SourceRecordId)))
        {
            var rows = await connection.QueryAsync<(Guid RunId, int FileId, long Line, string? RowId, byte[] Fields)>(new CommandDefinition("""
                SELECT run_id, file_id, line, row_id, fields FROM ingestion.raw_row
                WHERE source = @Source AND source_record_id = @SourceRecordId AND rejection_code IS NULL AND fields IS NOT NULL
                """, new { record.Key.Source, record.Key.SourceRecordId }, tx, cancellationToken: ct));
            var sealedRows = rows.Where(r =>
            {
                var row = new SourceRow { File = "", Line = r.Line, Fields = RawRowColumns.OpenFields(cipher, r.Fields), RowId = r.RowId };
                return record.Any(d => SealedRows.IsOf(record.Key.Source, row, d.Report));
            }).ToList();
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE ingestion.raw_row r SET fields = NULL, purged_at = now()
                FROM unnest(@runs::uuid[], @files::int[], @lines::bigint[]) AS k(run_id, file_id, line)
                WHERE r.run_id = k.run_id AND r.file_id = k.file_id AND r.line = k.line
                """, new
                {
                    runs = sealedRows.Select(r => r.RunId).ToArray(),
                    files = sealedRows.Select(r => r.FileId).ToArray(),
                    lines = sealedRows.Select(r => r.Line).ToArray(),
                }, tx, cancellationToken: ct));
        }
        // A record event is one county count: the event that reported a sealed count is that count.
        var events = due.Where(d => d.Report.Source != "doj").Select(d => d.Report).ToList();
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE ingestion.record_event e SET event_json = @tombstone
            FROM unnest(@sources::text[], @ids::text[]) AS k(source, id) WHERE e.source = k.source AND e.record_id = k.id
            """, new
            {
                tombstone = cipher.Seal("{\"purged\":\"sealed\"}", RecordEventStore.EventColumn),
                sources = events.Select(e => e.Source).ToArray(),
                ids = events.Select(e => e.SourceRecordId).ToArray(),
            }, tx, cancellationToken: ct));
    }
}
