using System.Text.Json;
using Dapper;
using Expunge.Contracts;
using Expunge.EligibilityRules;
using Expunge.Eligibility.Domain;
using Expunge.Persistence;
using Expunge.Security;
using Npgsql;

namespace Expunge.Eligibility.Data;

/// <summary>A stored decision (a class with setters: Dapper fills arrays and dates by property, not by constructor).</summary>
public sealed class StoredDetermination
{
    public long DeterminationId { get; set; }
    public Guid RunId { get; set; }
    public Guid PersonId { get; set; }
    public string Source { get; set; } = "";
    public string SourceRecordId { get; set; } = "";
    public string CntOrder { get; set; } = "";
    public string County { get; set; } = "";
    public string Section { get; set; } = "";
    public string Determination { get; set; } = "";
    public string ReasonCode { get; set; } = "";
    public string Policy { get; set; } = "";
    public int PolicyVersion { get; set; }
    public DateOnly AsOf { get; set; }
    /// <summary>The results-file row: it names the person, so it is stored encrypted (<see cref="SealedResultRow"/>).</summary>
    public string[] ResultRow { get; set; } = [];
    public string DecidedBy { get; set; } = "";
    public string? Note { get; set; }
    public DateTime DecidedAt { get; set; }
    public long? SupersededBy { get; set; }
    public string Sources { get; set; } = "doj";
    public string[] SourceReferences { get; set; } = [];
    public string[] Conflicts { get; set; } = [];

    /// <summary>The filing facts (JSON of <see cref="Contracts.ConvictionFiling"/>), null for decisions made before filings.</summary>
    public string? Filing { get; set; }

    /// <summary>As stored (<see cref="DeterminationStore.ResultRowColumn"/>); opened into <see cref="ResultRow"/> when read.</summary>
    public byte[] SealedResultRow { get; set; } = [];

    /// <summary>As stored (<see cref="DeterminationStore.FilingColumn"/>); opened into <see cref="Filing"/> when read.</summary>
    public byte[]? SealedFiling { get; set; }
}

public sealed record ReviewItem(long DeterminationId, Guid PersonId, Guid RunId, string Status, DateTime OpenedAt,
    string? ResolvedBy, DateTime? ResolvedAt, string? ResolutionNote, long? OverrideId);

/// <summary>
/// Decisions, kept forever: each is inserted; one for a conviction that already had a current decision supersedes it
/// (the old row stays, pointing at its successor). A Hand Review decision opens a review item.
/// </summary>
public sealed class DeterminationStore(NpgsqlDataSource db, OutboxSignal outbox, FieldCipher cipher)
{
    /// <summary>Encrypted columns (Expunge.Security.FieldCipher): the results row and the filing facts name the person.</summary>
    public const string ResultRowColumn = "eligibility.determination.result_row";
    public const string FilingColumn = "eligibility.determination.filing";

    private const string Columns = """
        determination_id AS DeterminationId, run_id AS RunId, person_id AS PersonId, source, source_record_id AS SourceRecordId,
        cnt_order AS CntOrder, county, section, determination, reason_code AS ReasonCode, policy, policy_version AS PolicyVersion,
        as_of AS AsOf, result_row AS SealedResultRow, decided_by AS DecidedBy, note, decided_at AS DecidedAt, superseded_by AS SupersededBy,
        sources, source_references AS SourceReferences, conflicts, filing AS SealedFiling
        """;

    /// <summary>A sealed conviction's decisions leave every view and export but the audit trail (its decision history).</summary>
    private static readonly string NotSealed = $"NOT {SealedConvictions.IsSealed("d.source", "d.source_record_id", "d.cnt_order")}";

    /// <summary>Rows of <c>d</c> that are the current decision of a conviction the run decided (whichever run made them), unless sealed.</summary>
    private static readonly string CurrentForRun = $"""
        WHERE d.superseded_by IS NULL AND d.withdrawn_at IS NULL AND {NotSealed} AND EXISTS (
            SELECT 1 FROM eligibility.determination r
            WHERE r.run_id = @runId AND r.source = d.source AND r.source_record_id = d.source_record_id AND r.cnt_order = d.cnt_order)
        """;

    public async Task StoreAsync(OutboxTransaction tx, Guid runId, IReadOnlyList<PersonOutcome> people, CancellationToken ct)
    {
        var rows = people.SelectMany(p => p.Decisions.Select(d => (p.PersonId, d))).ToList();
        var ids = new List<long>();
        if (rows.Count > 0)
        {
            await using var batch = new NpgsqlBatch(tx.Connection, tx.Transaction);
            foreach (var (personId, d) in rows)
            {
                var decision = d.Decision;
                batch.BatchCommands.Add(Insert(runId, personId, d.Source, d.SourceRecordId, d.ConvictionKey,
                    decision.Conviction.County, decision.Offense.Section, decision.Determination, decision.ReasonCode, decision.Policy.Name,
                    decision.Policy.Version, decision.Policy.AsOf, [.. ConvictionRows.Row(decision)], "rules", null,
                    new Provenance(d.Merged.SourceNames, [.. d.Merged.Sources.Select(s => $"{s.Source}:{s.SourceRecordId}:{s.Reference}")], [.. d.Merged.Conflicts]),
                    JsonSerializer.Serialize(d.Filing, JsonSerializerOptions.Web)));
            }
            await using (var reader = await batch.ExecuteReaderAsync(ct))
            {
                do
                {
                    while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt64(0));
                }
                while (await reader.NextResultAsync(ct));
            }
            await SupersedeAsync(tx.Connection, tx.Transaction, ids, ct);
        }
        await WithdrawAsync(tx.Connection, tx.Transaction, [.. people.SelectMany(p => p.Replaces.Append(p.PersonId))], ids, ct);
    }

    /// <summary>Where a decision's conviction came from: the sources that reported it, each report, their disagreements.</summary>
    public sealed record Provenance(string Sources, string[] References, string[] Conflicts);

    /// <summary>
    /// A person decided again stands for all of their convictions: a current decision of theirs (or of a person merged
    /// into them) that this decision set does not renew is about a conviction they no longer have on record (a count
    /// now reported under another key, a person found to be someone else) and is withdrawn, not deleted.
    /// </summary>
    private static Task<int> WithdrawAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid[] people, List<long> fresh, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition($"""
            WITH gone AS (
                UPDATE eligibility.determination d SET withdrawn_at = now()
                WHERE d.person_id = ANY(@people) AND d.superseded_by IS NULL AND d.withdrawn_at IS NULL AND NOT (d.determination_id = ANY(@fresh))
                  AND {NotSealed} -- a sealed conviction is off the sheet on purpose, not gone from the record
                RETURNING determination_id
            )
            UPDATE eligibility.review_item r SET status = 'superseded', resolved_at = now()
            FROM gone WHERE r.determination_id = gone.determination_id AND r.status = 'open'
            """, new { people, fresh = fresh.ToArray() }, tx, cancellationToken: ct));

    private NpgsqlBatchCommand Insert(Guid runId, Guid personId, string source, string sourceRecordId, string cntOrder, string county,
        string section, string determination, string reasonCode, string policy, int policyVersion, DateOnly asOf, string[] row, string by, string? note,
        Provenance provenance, string? filing)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO eligibility.determination (run_id, person_id, source, source_record_id, cnt_order, county, section, determination,
                reason_code, policy, policy_version, as_of, result_row, decided_by, note, sources, source_references, conflicts, filing)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
            RETURNING determination_id
            """);
        foreach (var value in new object?[] { runId, personId, source, sourceRecordId, cntOrder, county, section, determination, reasonCode, policy,
                     policyVersion, asOf, cipher.SealJson(row, ResultRowColumn), by, note, provenance.Sources, provenance.References, provenance.Conflicts,
                     filing is null ? null : cipher.Seal(filing, FilingColumn) })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
        return command;
    }

    /// <summary>New decisions supersede the conviction's earlier current decision; open reviews of those close as superseded;
    /// new Hand Review decisions open reviews.</summary>
    private static async Task SupersedeAsync(NpgsqlConnection connection, NpgsqlTransaction tx, List<long> ids, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition("""
            WITH fresh AS (SELECT * FROM eligibility.determination WHERE determination_id = ANY(@ids)),
            old AS (
                UPDATE eligibility.determination d SET superseded_by = f.determination_id
                FROM fresh f
                WHERE d.source = f.source AND d.source_record_id = f.source_record_id AND d.cnt_order = f.cnt_order
                  AND d.superseded_by IS NULL AND d.determination_id < f.determination_id
                RETURNING d.determination_id
            )
            UPDATE eligibility.review_item r SET status = 'superseded', resolved_at = now()
            FROM old WHERE r.determination_id = old.determination_id AND r.status = 'open';

            INSERT INTO eligibility.review_item (determination_id, person_id, run_id)
            SELECT determination_id, person_id, run_id FROM eligibility.determination
            WHERE determination_id = ANY(@ids) AND determination = 'Hand Review';
            """, new { ids = ids.ToArray() }, tx, cancellationToken: ct));
    }

    /// <summary>The current decision of every conviction decided in the run, in results-file order.</summary>
    public async Task<IReadOnlyList<StoredDetermination>> CurrentForRunAsync(Guid runId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<StoredDetermination>(new CommandDefinition($"""
            SELECT {Columns} FROM eligibility.determination d
            {CurrentForRun}
            """, new { runId }, cancellationToken: ct))).Select(Opened).ToList();
        rows.Sort((a, b) =>
        {
            var bySubject = ConvictionRows.CompareIds(a.SourceRecordId, b.SourceRecordId);
            return bySubject != 0 ? bySubject : string.CompareOrdinal(a.CntOrder, b.CntOrder);
        });
        return rows;
    }

    /// <summary>How the run's convictions stand now, by determination and reason.</summary>
    public async Task<IReadOnlyList<(string Determination, string ReasonCode, long Count)>> CountsForRunAsync(Guid runId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<(string, string, long)>(new CommandDefinition($"""
            SELECT d.determination, d.reason_code, count(*) FROM eligibility.determination d
            {CurrentForRun}
            GROUP BY 1, 2 ORDER BY 1, 3 DESC
            """, new { runId }, cancellationToken: ct))];
    }

    /// <summary>A person's decisions, current and superseded, newest first.</summary>
    public async Task<IReadOnlyList<StoredDetermination>> OfPersonAsync(Guid personId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return [.. (await connection.QueryAsync<StoredDetermination>(new CommandDefinition(
            $"SELECT {Columns} FROM eligibility.determination d WHERE d.person_id = @personId AND {NotSealed} ORDER BY determination_id DESC", new { personId }, cancellationToken: ct))).Select(Opened)];
    }

    public async Task<IReadOnlyList<StoredDetermination>> HistoryOfConvictionAsync(string source, string sourceRecordId, string cntOrder, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return [.. (await connection.QueryAsync<StoredDetermination>(new CommandDefinition(
            $"SELECT {Columns} FROM eligibility.determination WHERE source = @source AND source_record_id = @sourceRecordId AND cnt_order = @cntOrder ORDER BY determination_id",
            new { source, sourceRecordId, cntOrder }, cancellationToken: ct))).Select(Opened)];
    }

    public Task<IReadOnlyList<(ReviewItem Item, StoredDetermination Decision)>> ReviewQueueAsync(string status, int limit, CancellationToken ct) =>
        ReviewItemsAsync("r.status = @status", new { status, limit }, ct);

    /// <summary>One review item, whatever its status.</summary>
    public async Task<(ReviewItem Item, StoredDetermination Decision)?> ReviewItemAsync(long determinationId, CancellationToken ct) =>
        await ReviewItemsAsync("r.determination_id = @determinationId", new { determinationId, limit = 1 }, ct) is [var item] ? item : null;

    private async Task<IReadOnlyList<(ReviewItem Item, StoredDetermination Decision)>> ReviewItemsAsync(string where, object parameters, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var items = await connection.QueryAsync<ReviewItem, StoredDetermination, (ReviewItem, StoredDetermination)>(new CommandDefinition($"""
            SELECT r.determination_id AS DeterminationId, r.person_id AS PersonId, r.run_id AS RunId, r.status, r.opened_at AS OpenedAt,
                   r.resolved_by AS ResolvedBy, r.resolved_at AS ResolvedAt, r.resolution_note AS ResolutionNote, r.override_id AS OverrideId,
                   d.*
            FROM eligibility.review_item r JOIN (SELECT {Columns} FROM eligibility.determination) d ON d.determinationid = r.determination_id
            WHERE {where} AND NOT {SealedConvictions.IsSealed("d.source", "d.sourcerecordid", "d.cntorder")}
            ORDER BY r.opened_at, r.determination_id LIMIT @limit
            """, parameters, cancellationToken: ct), (item, decision) => (item, Opened(decision)), splitOn: "DeterminationId");
        return [.. items];
    }

    public async Task<long> OpenReviewCountAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM eligibility.review_item WHERE status = 'open'", cancellationToken: ct));
    }

    public enum ReviewResult { Done, NotFound, NotOpen }

    /// <summary>
    /// An operator confirms a Hand Review decision, or overrides it with another determination; who, when and why are
    /// kept. Motions hears of the outcome (<see cref="DeterminationRevised"/>) in the same transaction: an override
    /// that grants relief is filed, one that does not leaves the filings.
    /// </summary>
    public async Task<ReviewResult> ResolveAsync(long determinationId, string by, string note, string? overrideDetermination, CancellationToken ct)
    {
        await using var tx = await OutboxTransaction.BeginAsync(db, outbox, ct);
        var (connection, transaction) = (tx.Connection, tx.Transaction);
        var status = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT status FROM eligibility.review_item WHERE determination_id = @determinationId FOR UPDATE", new { determinationId }, transaction, cancellationToken: ct));
        if (status is null) return ReviewResult.NotFound;
        if (status != "open") return ReviewResult.NotOpen;
        var old = Opened(await connection.QuerySingleAsync<StoredDetermination>(new CommandDefinition(
            $"SELECT {Columns} FROM eligibility.determination WHERE determination_id = @determinationId", new { determinationId }, transaction, cancellationToken: ct)));
        long? overrideId = null;
        var revised = old;
        if (overrideDetermination is not null)
        {
            revised = Revise(old, overrideDetermination, OperatorOverride, $"Operator override: {note}", by, note);
            overrideId = await SupersedeWithAsync(connection, transaction, old, revised, ct);
        }
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE eligibility.review_item SET status = @status, resolved_by = @by, resolved_at = now(), resolution_note = @note, override_id = @overrideId
            WHERE determination_id = @determinationId
            """, new { status = overrideId is null ? "confirmed" : "overridden", by, note, overrideId, determinationId }, transaction, cancellationToken: ct));
        tx.Publish(MessageIds.For(Guid.Empty, $"eligibility.review.{determinationId}", 0),
            new DeterminationRevised { PersonId = old.PersonId, Conviction = MessageOf(revised), RevisedBy = by, Note = note });
        await tx.CommitAsync(ct);
        return ReviewResult.Done;
    }

    /// <summary>
    /// The court rejected a filed conviction: a new Hand Review decision carrying the court's reason supersedes the
    /// current one and opens a review item; motions hears of it. A conviction with no current decision is skipped.
    /// </summary>
    public async Task<int> ReturnToReviewAsync(OutboxTransaction tx, Guid packageId, IReadOnlyList<RejectedFilingRow> rows, CancellationToken ct)
    {
        var returned = 0;
        foreach (var row in rows)
        {
            var current = await tx.Connection.QuerySingleOrDefaultAsync<StoredDetermination>(new CommandDefinition($"""
                SELECT {Columns} FROM eligibility.determination
                WHERE source = @Source AND source_record_id = @SourceRecordId AND cnt_order = @CntOrder AND superseded_by IS NULL AND withdrawn_at IS NULL
                ORDER BY determination_id DESC LIMIT 1
                """, row, tx.Transaction, cancellationToken: ct));
            if (current is null) continue;
            Opened(current);
            var revised = Revise(current, Determinations.HandReview, CourtRejected, $"Rejected by the court: {row.Reason}", "court", row.Reason);
            var id = await SupersedeWithAsync(tx.Connection, tx.Transaction, current, revised, ct);
            await tx.Connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO eligibility.review_item (determination_id, person_id, run_id) VALUES (@id, @PersonId, @RunId)
                """, new { id, current.PersonId, current.RunId }, tx.Transaction, cancellationToken: ct));
            tx.Publish(MessageIds.For(packageId, $"eligibility.court-rejected.{row.RowId}", 0),
                new DeterminationRevised { PersonId = current.PersonId, Conviction = MessageOf(revised), RevisedBy = "court", Note = row.Reason });
            returned++;
        }
        return returned;
    }

    /// <summary>The reason code of a decision the court's rejection sent back to review.</summary>
    public const string CourtRejected = "COURT_REJECTED";

    /// <summary>A decision's copy with another determination (results row and filing facts follow it).</summary>
    private static StoredDetermination Revise(StoredDetermination old, string determination, string reasonCode, string reason, string by, string note)
    {
        var row = (string[])old.ResultRow.Clone();
        row[ConvictionRows.ColumnIndex("determination")] = determination;
        row[ConvictionRows.ColumnIndex("reason_code")] = reasonCode;
        row[ConvictionRows.ColumnIndex("reason")] = reason;
        var filing = old.Filing is null ? null : JsonSerializer.Deserialize<ConvictionFiling>(old.Filing, JsonSerializerOptions.Web);
        if (filing is not null)
        {
            filing = filing with
            {
                Reason = reason,
                Relief = Reliefs.ForDetermination(determination, filing.Level == "felony"),
                LegalBasis = $"H&S 11361.8, 11361.9; {old.Policy} policy v{old.PolicyVersion}: {reason}",
            };
        }
        return new StoredDetermination
        {
            RunId = old.RunId, PersonId = old.PersonId, Source = old.Source, SourceRecordId = old.SourceRecordId, CntOrder = old.CntOrder,
            County = old.County, Section = old.Section, Determination = determination, ReasonCode = reasonCode, Policy = old.Policy,
            PolicyVersion = old.PolicyVersion, AsOf = old.AsOf, ResultRow = row, DecidedBy = by, Note = note, Sources = old.Sources,
            SourceReferences = old.SourceReferences, Conflicts = old.Conflicts,
            Filing = filing is null ? null : JsonSerializer.Serialize(filing, JsonSerializerOptions.Web),
        };
    }

    private async Task<long> SupersedeWithAsync(NpgsqlConnection connection, NpgsqlTransaction tx, StoredDetermination old, StoredDetermination revised, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, tx);
        batch.BatchCommands.Add(Insert(revised.RunId, revised.PersonId, revised.Source, revised.SourceRecordId, revised.CntOrder, revised.County, revised.Section,
            revised.Determination, revised.ReasonCode, revised.Policy, revised.PolicyVersion, revised.AsOf, revised.ResultRow, revised.DecidedBy, revised.Note,
            new Provenance(revised.Sources, revised.SourceReferences, revised.Conflicts), revised.Filing));
        var id = (long)(await batch.ExecuteScalarAsync(ct))!;
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE eligibility.determination SET superseded_by = @id WHERE determination_id = @old",
            new { id, old = old.DeterminationId }, tx, cancellationToken: ct));
        return id;
    }

    private static ConvictionDetermination MessageOf(StoredDetermination d) => new()
    {
        Source = d.Source,
        SourceRecordId = d.SourceRecordId,
        CntOrder = d.CntOrder,
        County = d.County,
        Section = d.Section,
        Determination = d.Determination,
        ReasonCode = d.ReasonCode,
        Policy = d.Policy,
        PolicyVersion = d.PolicyVersion,
        Filing = d.Filing is null ? null : JsonSerializer.Deserialize<ConvictionFiling>(d.Filing, JsonSerializerOptions.Web),
    };

    /// <summary>Decrypts what a row read from the table holds (in place; returned for chaining).</summary>
    private StoredDetermination Opened(StoredDetermination d)
    {
        d.ResultRow = cipher.OpenJson<string[]>(d.SealedResultRow, ResultRowColumn);
        d.Filing = d.SealedFiling is null ? null : cipher.OpenText(d.SealedFiling, FilingColumn);
        return d;
    }

    /// <summary>The reason code of a decision an operator made instead of the rules.</summary>
    public const string OperatorOverride = "OPERATOR_OVERRIDE";

}
