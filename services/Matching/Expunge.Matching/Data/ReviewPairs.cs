using Expunge.CountyRecords;
using System.Text.Json;
using Dapper;
using Expunge.Contracts;
using Expunge.Linkage;
using Expunge.Matching.Domain;
using Expunge.Persistence;
using Expunge.Security;
using Npgsql;

namespace Expunge.Matching.Data;

/// <summary>A pair in the linkage review queue, with both records' identities, the evidence for and against, and what
/// the answer puts at stake: convictions both report (<see cref="Shared"/>), determinations it changes
/// (<see cref="Changed"/>), and of those the ones with relief in one reading (<see cref="Eligible"/>).</summary>
public sealed record ReviewPair(long PairId, string ASource, string ARecordId, Guid? APerson, string BSource, string BRecordId, Guid? BPerson,
    double Probability, string Reason, string Status, DateTime OpenedAt, string? DecidedBy, DateTime? DecidedAt, string? Note,
    LinkageRecord? A, LinkageRecord? B, IReadOnlyList<FieldEvidence> Evidence, int Shared = 0, int Changed = 0, int Eligible = 0);

/// <summary>
/// The linkage review queue. An operator's decision is applied at once and recorded: <c>link</c> merges the two
/// people (the one with more records keeps its id), <c>split</c> separates them when they are one person (the larger
/// part keeps the id). Every person changed is published again with its whole history, in a run of its own, so
/// eligibility decides them afresh.
/// </summary>
public sealed class ReviewPairs(NpgsqlDataSource db, OutboxSignal outbox, LinkageModels models, RunProgress progress, FieldCipher cipher)
{
    public enum Outcome { Done, NotFound, AlreadyDecided }

    public async Task<IReadOnlyList<ReviewPair>> ListAsync(string status, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<PairRow>(new CommandDefinition("""
            SELECT p.pair_id AS PairId, p.a_source AS ASource, p.a_record_id AS ARecordId, la.person_id AS APerson,
                   p.b_source AS BSource, p.b_record_id AS BRecordId, lb.person_id AS BPerson, p.probability, p.reason, p.status,
                   p.opened_at AS OpenedAt, p.decided_by AS DecidedBy, p.decided_at AS DecidedAt, p.note,
                   ra.identity AS AIdentity, rb.identity AS BIdentity, p.evidence, p.shared, p.changed, p.eligible
            FROM matching.review_pair p
            LEFT JOIN matching.source_link la ON la.source = p.a_source AND la.source_record_id = p.a_record_id
            LEFT JOIN matching.source_link lb ON lb.source = p.b_source AND lb.source_record_id = p.b_record_id
            LEFT JOIN matching.source_record ra ON ra.source = p.a_source AND ra.source_record_id = p.a_record_id
            LEFT JOIN matching.source_record rb ON rb.source = p.b_source AND rb.source_record_id = p.b_record_id
            WHERE p.status = @status ORDER BY p.shared DESC, p.eligible DESC, p.changed DESC, p.probability DESC, p.pair_id LIMIT @limit
            """, new { status, limit }, cancellationToken: ct));
        return [.. rows.Select(r => new ReviewPair(r.PairId, r.ASource, r.ARecordId, r.APerson, r.BSource, r.BRecordId, r.BPerson, r.Probability,
            r.Reason, r.Status, r.OpenedAt, r.DecidedBy, r.DecidedAt, r.Note, Identity(r.AIdentity), Identity(r.BIdentity),
            cipher.OpenJson<List<FieldEvidence>>(r.Evidence, StoredRecordColumns.Evidence), r.Shared, r.Changed, r.Eligible))];
    }

    public async Task<(Outcome Outcome, Guid? RunId)> DecideAsync(long pairId, bool link, string by, string note, CancellationToken ct)
    {
        var (_, model) = await models.CurrentAsync(ct);
        await using var tx = await OutboxTransaction.BeginAsync(db, outbox, ct);
        var (connection, transaction) = (tx.Connection, tx.Transaction);
        // The same lock as linking: a decision and a batch never reshape the same people at once. The links it changes
        // carry its version, so every instance's index takes them.
        var version = await LinkedRecordIndex.TakeNextVersionAsync(connection, transaction, ct);
        var pair = await connection.QuerySingleOrDefaultAsync<(string Status, Guid APerson, Guid BPerson, string ASource, string AId, string BSource, string BId)?>(
            new CommandDefinition("""
                SELECT p.status, la.person_id, lb.person_id, p.a_source, p.a_record_id, p.b_source, p.b_record_id
                FROM matching.review_pair p
                JOIN matching.source_link la ON la.source = p.a_source AND la.source_record_id = p.a_record_id
                JOIN matching.source_link lb ON lb.source = p.b_source AND lb.source_record_id = p.b_record_id
                WHERE p.pair_id = @pairId FOR UPDATE OF p
                """, new { pairId }, transaction, cancellationToken: ct));
        if (pair is not { } p) return (Outcome.NotFound, null);
        // A question the model settled (auto) may still be answered by a person who looked.
        if (p.Status is not ("open" or "auto")) return (Outcome.AlreadyDecided, null);

        var changed = new List<Guid>();
        var replaced = new Dictionary<Guid, IReadOnlyList<Guid>>();
        if (link && p.APerson != p.BPerson)
        {
            var sizes = await connection.QueryAsync<(Guid Person, int Records)>(new CommandDefinition(
                "SELECT person_id, count(*)::int FROM matching.source_link WHERE person_id = ANY(@people) GROUP BY person_id",
                new { people = new[] { p.APerson, p.BPerson } }, transaction, cancellationToken: ct));
            var (kept, absorbed) = sizes.OrderByDescending(s => s.Records).ThenBy(s => s.Person).Select(s => s.Person).ToList() is [var k, var a] ? (k, a) : (p.APerson, p.BPerson);
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE matching.person SET merged_into = @kept WHERE person_id = @absorbed;
                UPDATE matching.source_link SET person_id = @kept, link_version = @version WHERE person_id = @absorbed;
                INSERT INTO matching.person_change (kind, person_id, other_person, pair_id, decided_by, note) VALUES ('merge', @kept, @absorbed, @pairId, @by, @note);
                """, new { kept, absorbed, pairId, by, note, version }, transaction, cancellationToken: ct));
            changed.Add(kept);
            replaced[kept] = [absorbed];
        }
        else if (!link && p.APerson == p.BPerson)
        {
            var records = await connection.QueryAsync<(string Source, string Id, byte[] Identity)>(new CommandDefinition("""
                SELECT l.source, l.source_record_id, r.identity FROM matching.source_link l JOIN matching.source_record r USING (source, source_record_id)
                WHERE l.person_id = @person ORDER BY l.source, l.source_record_id
                """, new { person = p.APerson }, transaction, cancellationToken: ct));
            var standard = records.Select(r => StandardRecord.Of(cipher.OpenJson<LinkageRecord>(r.Identity, StoredRecordColumns.Identity))).ToList();
            var a = standard.First(r => r.Id == SourceIdentities.Key(p.ASource, p.AId));
            var b = standard.First(r => r.Id == SourceIdentities.Key(p.BSource, p.BId));
            var parts = PersonSplit.Split(standard, a, b, model);
            changed.Add(p.APerson);
            foreach (var part in parts.Skip(1))
            {
                var newPerson = Guid.CreateVersion7();
                changed.Add(newPerson);
                var ids = part.Select(r => SourceIdentities.FromKey(r.Id)).ToList();
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO matching.person (person_id, created_run_id) VALUES (@newPerson, @newPerson);
                    UPDATE matching.source_link l SET person_id = @newPerson, link_version = @version
                    FROM unnest(@sources::text[], @ids::text[]) AS i(source, id) WHERE l.source = i.source AND l.source_record_id = i.id;
                    INSERT INTO matching.person_change (kind, person_id, other_person, pair_id, decided_by, note) VALUES ('split', @person, @newPerson, @pairId, @by, @note);
                    """, new { newPerson, sources = ids.Select(i => i.Source).ToArray(), ids = ids.Select(i => i.Id).ToArray(), person = p.APerson, pairId, by, note, version },
                    transaction, cancellationToken: ct));
            }
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE matching.review_pair SET status = @status, decided_by = @by, decided_at = now(), note = @note WHERE pair_id = @pairId",
            new { status = link ? "linked" : "split", by, note, pairId }, transaction, cancellationToken: ct));

        Guid? runId = null;
        if (changed.Count > 0)
        {
            // A correction travels as a run of one batch, so every stage after matching handles it like any other.
            runId = Guid.CreateVersion7();
            var people = await PersonLinks.WithDeferredReportsAsync(connection, transaction,
                PersonHistories.Assemble(await PersonLinks.RecordsOfAsync(connection, transaction, cipher, changed, ct), replaced), ct);
            tx.Publish(MessageIds.For(runId.Value, MatchingRegistration.Service, 0), new PersonHistoriesMatched { RunId = runId.Value, Sequence = 0, People = people });
            tx.Publish(MessageIds.For(runId.Value, MatchingRegistration.Service + ".run-ingested", 0), new RunIngested
            {
                RunId = runId.Value, BatchCount = 1, RowsRead = 0, RowsRejected = 0, Records = 0,
            });
            await progress.RecordStageDoneAsync(tx, runId.Value, 1, people.Count, ct);
        }
        await tx.CommitAsync(ct);
        return (Outcome.Done, runId);
    }

    private LinkageRecord? Identity(byte[]? stored) => stored is null ? null : cipher.OpenJson<LinkageRecord>(stored, StoredRecordColumns.Identity);

    private sealed class PairRow
    {
        public long PairId { get; set; }
        public string ASource { get; set; } = "";
        public string ARecordId { get; set; } = "";
        public Guid? APerson { get; set; }
        public string BSource { get; set; } = "";
        public string BRecordId { get; set; } = "";
        public Guid? BPerson { get; set; }
        public double Probability { get; set; }
        public string Reason { get; set; } = "";
        public string Status { get; set; } = "";
        public DateTime OpenedAt { get; set; }
        public string? DecidedBy { get; set; }
        public DateTime? DecidedAt { get; set; }
        public string? Note { get; set; }
        public byte[]? AIdentity { get; set; }
        public byte[]? BIdentity { get; set; }
        public byte[] Evidence { get; set; } = [];
        public int Shared { get; set; }
        public int Changed { get; set; }
        public int Eligible { get; set; }
    }
}
