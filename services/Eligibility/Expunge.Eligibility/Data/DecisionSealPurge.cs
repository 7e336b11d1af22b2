using Dapper;
using Expunge.Contracts;
using Expunge.CountyRecords;
using Expunge.EligibilityRules;
using Expunge.Persistence;
using Expunge.Security;
using Npgsql;

namespace Expunge.Eligibility.Data;

/// <summary>
/// After a sealed conviction's hold: its decisions keep what was decided, by whom, under which policy and why (the audit
/// trail) but lose the person's name, date of birth and CII number and the filing facts; the person histories received
/// lose the conviction's rows.
/// </summary>
public sealed class DecisionSealPurge(FieldCipher cipher) : ISealPurge
{
    private static readonly int[] PersonalColumns = [.. new[] { "cii_number", "name", "dob", "case_number" }.Select(ConvictionRows.ColumnIndex)];

    public async Task PurgeAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<SealedReport> due, CancellationToken ct)
    {
        var convictions = due.Select(d => (d.ConvictionSource, d.ConvictionRecordId, d.ConvictionCntOrder)).Distinct().ToList();
        var decisions = await connection.QueryAsync<(long Id, byte[] Row)>(new CommandDefinition("""
            SELECT d.determination_id, d.result_row FROM eligibility.determination d
            JOIN unnest(@sources::text[], @ids::text[], @counts::text[]) AS k(source, id, cnt)
              ON d.source = k.source AND d.source_record_id = k.id AND d.cnt_order = k.cnt
            FOR UPDATE OF d
            """, new
            {
                sources = convictions.Select(c => c.ConvictionSource).ToArray(),
                ids = convictions.Select(c => c.ConvictionRecordId).ToArray(),
                counts = convictions.Select(c => c.ConvictionCntOrder).ToArray(),
            }, tx, cancellationToken: ct));
        foreach (var (id, stored) in decisions)
        {
            var row = cipher.OpenJson<string[]>(stored, DeterminationStore.ResultRowColumn);
            foreach (var column in PersonalColumns) row[column] = "";
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE eligibility.determination SET result_row = @row, filing = NULL WHERE determination_id = @id",
                new { id, row = cipher.SealJson(row, DeterminationStore.ResultRowColumn) }, tx, cancellationToken: ct));
        }

        var reports = due.Select(d => d.Report).ToList();
        var people = due.Select(d => d.PersonId).Distinct().ToArray();
        var histories = await connection.QueryAsync<(Guid RunId, Guid PersonId, byte[] History)>(new CommandDefinition(
            "SELECT run_id, person_id, history FROM eligibility.person_history WHERE person_id = ANY(@people) FOR UPDATE",
            new { people }, tx, cancellationToken: ct));
        foreach (var (runId, personId, stored) in histories)
        {
            var history = cipher.OpenJson<PersonHistory>(stored, PersonHistoryStore.HistoryColumn);
            var kept = history with { Records = [.. history.Records.Select(r => SealedRows.Without(r, reports))] };
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE eligibility.person_history SET history = @history WHERE run_id = @runId AND person_id = @personId",
                new { runId, personId, history = cipher.SealJson(kept, PersonHistoryStore.HistoryColumn) }, tx, cancellationToken: ct));
        }
    }
}
