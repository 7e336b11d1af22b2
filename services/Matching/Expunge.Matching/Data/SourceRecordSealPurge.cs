using Dapper;
using Expunge.Contracts;
using Expunge.CountyRecords;
using Expunge.Persistence;
using Expunge.Security;
using Npgsql;

namespace Expunge.Matching.Data;

/// <summary>
/// After a sealed conviction's hold: the stored records lose the conviction's rows, so a person's history assembled
/// again (a new record for them, an operator's link) no longer carries it. The record's identity and links stay: the
/// person and their other convictions are still who and what they were.
/// </summary>
public sealed class SourceRecordSealPurge(FieldCipher cipher) : ISealPurge
{
    public async Task PurgeAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<SealedReport> due, CancellationToken ct)
    {
        foreach (var reports in due.GroupBy(d => (d.Report.Source, d.Report.SourceRecordId)))
        {
            var stored = await connection.ExecuteScalarAsync<byte[]?>(new CommandDefinition(
                "SELECT record FROM matching.source_record WHERE source = @Source AND source_record_id = @SourceRecordId FOR UPDATE",
                new { reports.Key.Source, reports.Key.SourceRecordId }, tx, cancellationToken: ct));
            if (stored is null) continue;
            var record = cipher.OpenJson<SourceRecord>(stored, StoredRecordColumns.Record);
            var kept = SealedRows.Without(record, reports.Select(r => r.Report));
            if (kept.Rows.Count == record.Rows.Count) continue;
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE matching.source_record SET record = @record, updated_at = now() WHERE source = @Source AND source_record_id = @SourceRecordId
                """, new { record = cipher.SealJson(kept, StoredRecordColumns.Record), reports.Key.Source, reports.Key.SourceRecordId }, tx, cancellationToken: ct));
        }
    }
}
