using Dapper;
using Expunge.Contracts;
using Expunge.Motions.Domain;
using Expunge.Persistence;
using Expunge.Security;

namespace Expunge.Motions.Data;

/// <summary>
/// The current decision of every conviction, as eligibility last said it: what filing packages are made from. A
/// person decided again stands for all of their convictions; a conviction of theirs (or of a person merged into
/// them) that the new decisions no longer name is withdrawn. A conviction the court granted stays granted.
/// </summary>
public sealed class ConvictionLedger(FieldCipher cipher)
{
    /// <summary>What a filing lists for the conviction (name, date of birth, CII): stored encrypted JSON.</summary>
    public const string FilingColumn = "motions.conviction.filing";

    public async Task RecordAsync(OutboxTransaction tx, ConvictionsDetermined batch, CancellationToken ct)
    {
        var decided = batch.People.Where(p => p.State == DeterminationState.Decided).ToList();
        var rows = decided.SelectMany(p => p.Convictions.Select(c => (p.PersonId, Conviction: c)))
            .GroupBy(r => (r.Conviction.Source, r.Conviction.SourceRecordId, r.Conviction.CntOrder)).Select(g => g.Last()).ToList();
        await UpsertAsync(tx, rows, ct);
        var keys = rows.Select(r => r.Conviction).ToList();
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE motions.conviction c SET status = 'withdrawn', change_seq = nextval('motions.conviction_change'), updated_at = now()
            WHERE c.person_id = ANY(@people) AND c.status = 'decided'
              AND NOT EXISTS (SELECT 1 FROM unnest(@sources::text[], @records::text[], @counts::text[]) AS k(source, record, cnt)
                              WHERE k.source = c.source AND k.record = c.source_record_id AND k.cnt = c.cnt_order);
            INSERT INTO motions.run_conviction (run_id, source, source_record_id, cnt_order)
            SELECT @RunId, * FROM unnest(@sources::text[], @records::text[], @counts::text[]) ON CONFLICT DO NOTHING;
            """, new
            {
                batch.RunId,
                people = decided.SelectMany(p => p.ReplacesPersonIds.Append(p.PersonId)).Distinct().ToArray(),
                sources = keys.Select(k => k.Source).ToArray(),
                records = keys.Select(k => k.SourceRecordId).ToArray(),
                counts = keys.Select(k => k.CntOrder).ToArray(),
            }, tx.Transaction, cancellationToken: ct));
    }

    /// <summary>An operator's (or the court's) revision of one decision.</summary>
    public Task RecordAsync(OutboxTransaction tx, DeterminationRevised revision, CancellationToken ct) =>
        UpsertAsync(tx, [(revision.PersonId, revision.Conviction)], ct);

    private Task UpsertAsync(OutboxTransaction tx, List<(Guid PersonId, ConvictionDetermination Conviction)> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return Task.CompletedTask;
        var filings = rows.Select(r => r.Conviction.Filing ?? FilingPlan.Minimal(r.Conviction)).ToList();
        return tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO motions.conviction AS c (source, source_record_id, cnt_order, row_id, person_id, determination, reason_code, policy,
                policy_version, court, agency, filing, change_seq)
            SELECT source, record, cnt, row_id, person, determination, reason, policy, version, court, agency, filing,
                   nextval('motions.conviction_change')
            FROM unnest(@sources::text[], @records::text[], @counts::text[], @rowIds::text[], @people::uuid[], @determinations::text[],
                        @reasons::text[], @policies::text[], @versions::int[], @courts::text[], @agencies::text[], @filings::bytea[])
                 AS t(source, record, cnt, row_id, person, determination, reason, policy, version, court, agency, filing)
            ON CONFLICT (source, source_record_id, cnt_order) DO UPDATE SET
                person_id = EXCLUDED.person_id, determination = EXCLUDED.determination, reason_code = EXCLUDED.reason_code,
                policy = EXCLUDED.policy, policy_version = EXCLUDED.policy_version, court = EXCLUDED.court, agency = EXCLUDED.agency,
                filing = EXCLUDED.filing, change_seq = EXCLUDED.change_seq, updated_at = now(),
                status = CASE WHEN c.status = 'granted' THEN 'granted' ELSE 'decided' END
            """, new
            {
                sources = rows.Select(r => r.Conviction.Source).ToArray(),
                records = rows.Select(r => r.Conviction.SourceRecordId).ToArray(),
                counts = rows.Select(r => r.Conviction.CntOrder).ToArray(),
                rowIds = rows.Select(r => FilingRowIds.Of(r.Conviction.Source, r.Conviction.SourceRecordId, r.Conviction.CntOrder)).ToArray(),
                people = rows.Select(r => r.PersonId).ToArray(),
                determinations = rows.Select(r => r.Conviction.Determination).ToArray(),
                reasons = rows.Select(r => r.Conviction.ReasonCode).ToArray(),
                policies = rows.Select(r => r.Conviction.Policy).ToArray(),
                versions = rows.Select(r => r.Conviction.PolicyVersion).ToArray(),
                courts = filings.Select(f => f.Court).ToArray(),
                agencies = filings.Select(f => f.ProsecutingAgency).ToArray(),
                filings = filings.Select(f => cipher.SealJson(f, FilingColumn)).ToArray(),
            }, tx.Transaction, cancellationToken: ct));
    }
}
