using Dapper;
using Expunge.Contracts;
using Expunge.Motions.Domain;
using Expunge.Persistence;
using Expunge.Security;
using Npgsql;

namespace Expunge.Motions.Data;

/// <summary>What recording a court's answers did.</summary>
public sealed record ResponseOutcome(int Accepted, int Rejected, int AlreadyAnswered, IReadOnlyList<string> UnknownRows);

/// <summary>
/// The court's per-row answers to a package. An accepted row's conviction is granted (it then awaits DOJ's
/// confirmation); a rejected row's goes back to hand review with the court's reason (eligibility, over the bus, in
/// the same transaction). A row answered before keeps its first answer. A granted conviction is sealed: recorded so
/// here and announced to the other services (<see cref="ConvictionsSealed"/>) in the same transaction.
/// </summary>
public sealed class CourtResponses(NpgsqlDataSource db, OutboxSignal outbox, FieldCipher cipher, SealHold hold, TimeProvider clock)
{
    public async Task<ResponseOutcome?> RecordAsync(Guid packageId, IReadOnlyList<CourtAnswer> answers, string by, CancellationToken ct)
    {
        await using var tx = await OutboxTransaction.BeginAsync(db, outbox, ct);
        var (connection, transaction) = (tx.Connection, tx.Transaction);
        if (await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT count(*)::int FROM motions.package WHERE package_id = @packageId", new { packageId }, transaction, cancellationToken: ct)) == 0)
        {
            return null;
        }
        var rows = (await connection.QueryAsync<(string RowId, string Source, string SourceRecordId, string CntOrder)>(new CommandDefinition("""
            SELECT row_id, source, source_record_id, cnt_order FROM motions.package_row WHERE package_id = @packageId AND row_id = ANY(@ids)
            """, new { packageId, ids = answers.Select(a => a.RowId).ToArray() }, transaction, cancellationToken: ct))).ToDictionary(r => r.RowId);
        var unknown = answers.Where(a => !rows.ContainsKey(a.RowId)).Select(a => a.RowId).Distinct().ToList();
        if (unknown.Count > 0) return new ResponseOutcome(0, 0, 0, unknown);

        var fresh = new List<CourtAnswer>();
        foreach (var answer in answers.DistinctBy(a => a.RowId))
        {
            var inserted = await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO motions.court_response (package_id, row_id, outcome, reason, responded_by) VALUES (@packageId, @RowId, @outcome, @Reason, @by)
                ON CONFLICT DO NOTHING
                """, new { packageId, answer.RowId, outcome = answer.Accepted ? "accepted" : "rejected", answer.Reason, by }, transaction, cancellationToken: ct));
            if (inserted == 1) fresh.Add(answer);
        }
        var accepted = fresh.Where(a => a.Accepted).Select(a => rows[a.RowId]).ToList();
        var rejected = fresh.Where(a => !a.Accepted).ToList();
        await SetStatusAsync(connection, transaction, accepted, "granted", ct);
        await SetStatusAsync(connection, transaction, [.. rejected.Select(a => rows[a.RowId])], "rejected", ct);
        if (accepted.Count > 0) await SealAsync(tx, packageId, [.. accepted.Select(r => r.RowId)], ct);
        if (rejected.Count > 0)
        {
            // Published once, from this transaction: a fresh id is enough (the relay re-sends a row under the id it stored).
            tx.Publish(Guid.CreateVersion7(), new FilingRowsRejected
            {
                PackageId = packageId,
                Rows = [.. rejected.Select(a => (Row: rows[a.RowId], a.Reason)).Select(x => new RejectedFilingRow
                {
                    RowId = x.Row.RowId, Source = x.Row.Source, SourceRecordId = x.Row.SourceRecordId, CntOrder = x.Row.CntOrder, Reason = x.Reason!,
                })],
            });
        }
        await tx.CommitAsync(ct);
        return new ResponseOutcome(accepted.Count, rejected.Count, answers.DistinctBy(a => a.RowId).Count() - fresh.Count, []);
    }

    private async Task SealAsync(OutboxTransaction tx, Guid packageId, string[] rowIds, CancellationToken ct)
    {
        var granted = await tx.Connection.QueryAsync<(Guid PersonId, string Source, string SourceRecordId, string CntOrder, byte[] Filing)>(new CommandDefinition("""
            SELECT person_id, source, source_record_id, cnt_order, filing FROM motions.conviction WHERE row_id = ANY(@rowIds) AND status = 'granted'
            """, new { rowIds }, tx.Transaction, cancellationToken: ct));
        var now = clock.GetUtcNow();
        var sealedBatch = new ConvictionsSealed
        {
            PackageId = packageId,
            SealedAt = now,
            PurgeAfter = now + hold.Hold,
            Convictions = [.. granted.Select(g => new SealedConviction
            {
                PersonId = g.PersonId, Source = g.Source, SourceRecordId = g.SourceRecordId, CntOrder = g.CntOrder,
                Reports = cipher.OpenJson<ConvictionFiling>(g.Filing, ConvictionLedger.FilingColumn).Reports,
            })],
        };
        if (sealedBatch.Convictions.Count == 0) return;
        await SealedConvictions.RecordAsync(tx.Connection, tx.Transaction, sealedBatch, ct);
        // Published once, from this transaction, like the rejections.
        tx.Publish(Guid.CreateVersion7(), sealedBatch);
    }

    private static Task SetStatusAsync(NpgsqlConnection connection, NpgsqlTransaction tx,
        List<(string RowId, string Source, string SourceRecordId, string CntOrder)> rows, string status, CancellationToken ct) =>
        rows.Count == 0 ? Task.CompletedTask : connection.ExecuteAsync(new CommandDefinition("""
            UPDATE motions.conviction SET status = @status, change_seq = nextval('motions.conviction_change'), updated_at = now()
            WHERE row_id = ANY(@ids) AND status = 'decided'
            """, new { status, ids = rows.Select(r => r.RowId).ToArray() }, tx, cancellationToken: ct));
}
