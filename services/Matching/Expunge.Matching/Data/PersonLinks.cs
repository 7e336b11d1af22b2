using Expunge.CountyRecords;
using System.Text.Json;
using Dapper;
using Expunge.Contracts;
using Expunge.EligibilityRules;
using Expunge.Linkage;
using Expunge.Matching.Domain;
using Expunge.Persistence;
using Expunge.Security;
using Npgsql;

namespace Expunge.Matching.Data;

public sealed record SourceLink(string Source, string SourceRecordId, Guid PersonId);

/// <summary>What linking a batch did: the people it touched (whole histories), and the linkage questions it raised:
/// those worth asking (their answer changes a count, a determination or a filing) and those the model's answer
/// settles.</summary>
public sealed record BatchLinkage(IReadOnlyList<PersonHistory> People, int NewPeople, int Merges, int ReviewPairs, int SettledQuestions = 0);

/// <summary>
/// Links batches of source records to people (Expunge.Linkage's incremental linker) and keeps what that needs: every
/// record's latest version and identity, links, merges and review pairs. Candidates come from the in-memory
/// <see cref="LinkedRecordIndex"/>. Linking is serialised (the link_state row lock, across instances): two batches
/// linked side by side could each found a person for the same human.
/// </summary>
public sealed class PersonLinks(NpgsqlDataSource db, LinkedRecordIndex index, FieldCipher cipher, LookupHash lookup)
{
    /// <summary>Links one batch inside the consumer's transaction. Call it inside <see cref="LinkedRecordIndex.EnterAsync"/>
    /// and, once the transaction has committed, apply the returned change to the index.</summary>
    /// <param name="runPolicy">The run's policy, if it named one: what a linkage question puts at stake is weighed with it.</param>
    public async Task<(BatchLinkage Linkage, IndexChange Change)> LinkAsync(OutboxTransaction tx, Guid runId, IReadOnlyList<SourceRecord> records,
        FellegiSunterModel model, Policy? runPolicy, CancellationToken ct)
    {
        var (connection, transaction) = (tx.Connection, tx.Transaction);
        var (known, version) = await index.LockAsync(connection, transaction, cipher, ct);

        var identities = records.Select(LinkageRecords.Of).ToList();
        // The lookup hashes (CII; name and date of birth) of each record's identity as it now stands.
        var lookups = records.Zip(identities).SelectMany(p => PersonLookupKeys.Of(p.Second).Select(k => (Key: lookup.Of(k), p.First.Source, p.First.SourceRecordId)))
            .Distinct().ToList();
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO matching.source_record (source, source_record_id, identity, record)
            SELECT * FROM unnest(@sources::text[], @ids::text[], @identities::bytea[], @bodies::bytea[])
            ON CONFLICT (source, source_record_id) DO UPDATE SET identity = EXCLUDED.identity, record = EXCLUDED.record, updated_at = now();
            DELETE FROM matching.lookup_key k USING unnest(@sources::text[], @ids::text[]) AS r(source, id)
            WHERE k.source = r.source AND k.source_record_id = r.id;
            INSERT INTO matching.lookup_key (key, source, source_record_id)
            SELECT * FROM unnest(@lookupKeys::text[], @lookupSources::text[], @lookupIds::text[]) ON CONFLICT DO NOTHING;
            """, new
            {
                lookupKeys = lookups.Select(l => l.Key).ToArray(),
                lookupSources = lookups.Select(l => l.Source).ToArray(),
                lookupIds = lookups.Select(l => l.SourceRecordId).ToArray(),
                sources = records.Select(r => r.Source).ToArray(),
                ids = records.Select(r => r.SourceRecordId).ToArray(),
                identities = identities.Select(i => cipher.SealJson(i, StoredRecordColumns.Identity)).ToArray(),
                bodies = records.Select(r => cipher.SealJson(r, StoredRecordColumns.Record)).ToArray(),
            }, transaction, cancellationToken: ct));

        // A record sent again keeps its person; its identity may have changed, so the index takes it again.
        var linked = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var identity in identities)
        {
            if (known.PersonOf(identity.Id) is { } person) linked[identity.Id] = person;
        }
        var again = identities.Where(i => linked.ContainsKey(i.Id)).Select(StandardRecord.Of).ToList();
        await StampAsync(connection, transaction, again.Select(r => r.Id), version, ct);

        var incoming = identities.Where(i => !linked.ContainsKey(i.Id)).Select(StandardRecord.Of).ToList();
        var result = new IncrementalResult([], [], []);
        if (incoming.Count > 0)
        {
            result = new IncrementalLinker(model, Guid.CreateVersion7, await KeptApartAsync(connection, transaction, ct)).Link(incoming, known.Candidates(incoming));
            await StoreAsync(connection, transaction, runId, version, result, ct);
        }

        foreach (var assignment in result.Assignments) linked[assignment.Record.Id] = assignment.PersonId;
        var mergedInto = MergedInto(result.Merges);
        foreach (var key in linked.Keys.ToList()) linked[key] = mergedInto.GetValueOrDefault(linked[key], linked[key]);
        await RecordRunLinksAsync(connection, transaction, runId, records, linked, ct);

        var people = linked.Values.Concat(result.Merges.Select(m => mergedInto.GetValueOrDefault(m.Kept, m.Kept))).Distinct().ToArray();
        var replaced = mergedInto.GroupBy(m => m.Value).ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)[.. g.Select(m => m.Key).Order()]);
        // The batch's own records are in hand: only the people's other records (and those of the people a question
        // names) are read back (and parsed) from the store.
        var batchRecords = records.DistinctBy(r => SourceIdentities.Key(r.Source, r.SourceRecordId)).ToList();
        var questioned = result.Review.SelectMany(r => (Guid[])[r.PersonA, r.PersonB]).Except(people).ToArray();
        var earlier = await RecordsOfAsync(connection, transaction, cipher, [.. people, .. questioned], ct, except: batchRecords);
        var recordsOf = earlier.Concat(batchRecords.Select(r => (PersonId: linked[SourceIdentities.Key(r.Source, r.SourceRecordId)], Record: r)))
            .GroupBy(r => r.PersonId).ToDictionary(g => g.Key, g => PersonSources.Of(g.Select(r => r.Record)));
        var (asked, deferring) = await StoreQuestionsAsync(connection, transaction, result.Review, recordsOf, model, runPolicy, ct);
        // A person who now defers a conviction to another is decided again (without it), touched by this batch or not.
        var published = people.Union(deferring).ToHashSet();
        var histories = await WithDeferredReportsAsync(connection, transaction, PersonHistories.Assemble(
            earlier.Where(r => published.Contains(r.PersonId)).Concat(batchRecords.Select(r => (linked[SourceIdentities.Key(r.Source, r.SourceRecordId)], r))), replaced), ct);
        var linkage = new BatchLinkage(histories, result.Assignments.Where(a => a.NewPerson).Select(a => a.PersonId).Distinct().Count(), result.Merges.Count,
            asked, result.Review.Count - asked);
        var change = new IndexChange(version, result.Merges, [.. result.Assignments.Select(a => (a.Record, a.PersonId)), .. again.Select(r => (r, linked[r.Id]))]);
        return (linkage, change);
    }

    /// <summary>Marks links as changed in this version, so another instance's index takes them again.</summary>
    public static Task StampAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IEnumerable<string> recordIds, long version, CancellationToken ct)
    {
        var keys = recordIds.Select(SourceIdentities.FromKey).ToList();
        return keys.Count == 0 ? Task.CompletedTask : connection.ExecuteAsync(new CommandDefinition("""
            UPDATE matching.source_link l SET link_version = @version
            FROM unnest(@sources::text[], @ids::text[]) AS i(source, id) WHERE l.source = i.source AND l.source_record_id = i.id
            """, new { version, sources = keys.Select(k => k.Source).ToArray(), ids = keys.Select(k => k.Id).ToArray() }, tx, cancellationToken: ct));
    }

    /// <summary>Pairs of records an operator split: the linker never joins their people again.</summary>
    private static async Task<HashSet<(string, string)>> KeptApartAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct) =>
        [.. (await connection.QueryAsync<(string ASource, string AId, string BSource, string BId)>(new CommandDefinition(
                "SELECT a_source, a_record_id, b_source, b_record_id FROM matching.review_pair WHERE status = 'split'", transaction: tx, cancellationToken: ct)))
            .Select(p => (SourceIdentities.Key(p.ASource, p.AId), SourceIdentities.Key(p.BSource, p.BId)))];

    /// <summary>Absorbed person → the person it finally became (merges may chain inside one batch).</summary>
    private static Dictionary<Guid, Guid> MergedInto(IReadOnlyList<PersonMerge> merges)
    {
        var into = merges.ToDictionary(m => m.Absorbed, m => m.Kept);
        foreach (var absorbed in into.Keys.ToList())
        {
            var final = into[absorbed];
            while (into.TryGetValue(final, out var next)) final = next;
            into[absorbed] = final;
        }
        return into;
    }

    /// <summary>
    /// Stores the batch's linkage questions with what each puts at stake (<see cref="LinkageStakes"/>, weighed with the
    /// run's policy): a question whose answer changes nothing is settled by the model (<c>auto</c>: two people, shown
    /// as such), the rest are open, most at stake first. Returns how many are open, and the people who now defer a
    /// conviction they share with another to that person.
    /// </summary>
    private async Task<(int Asked, IReadOnlyList<Guid> Deferring)> StoreQuestionsAsync(NpgsqlConnection connection, NpgsqlTransaction tx,
        IReadOnlyList<ReviewCandidate> review, Dictionary<Guid, PersonSources> recordsOf, FellegiSunterModel model, Policy? runPolicy, CancellationToken ct)
    {
        PersonSources Of(Guid person) => recordsOf.GetValueOrDefault(person) ?? new PersonSources([], []);
        var pairs = review.Select(r =>
        {
            var stake = LinkageStakes.Of(Of(r.PersonA), Of(r.PersonB), runPolicy, runPolicy?.County);
            var aIsEarlier = r.PersonA.CompareTo(r.PersonB) < 0;
            return (A: SourceIdentities.FromKey(r.A.Id), B: SourceIdentities.FromKey(r.B.Id), r.Probability, r.Reason,
                Evidence: cipher.SealJson(Evidence.Explain(model, r.A, r.B, r.Vector), StoredRecordColumns.Evidence),
                Stake: stake, Open: stake.Matters(PairDecision.QuestionProbability(model, r.A, r.Vector)), Later: aIsEarlier ? r.PersonB : r.PersonA,
                Deferred: stake.Deferring(aIsEarlier));
        }).ToList();
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO matching.review_pair (a_source, a_record_id, b_source, b_record_id, probability, reason, evidence, status, shared, changed, eligible, deferred)
            SELECT a, ai, b, bi, p, r, e, s, sh, ch, el, d::jsonb
            FROM unnest(@aSources::text[], @aIds::text[], @bSources::text[], @bIds::text[], @probabilities::float8[], @reasons::text[], @evidence::bytea[],
                        @statuses::text[], @shared::int[], @changed::int[], @eligible::int[], @deferred::text[]) AS q(a, ai, b, bi, p, r, e, s, sh, ch, el, d)
            ON CONFLICT DO NOTHING
            """, new
            {
                aSources = pairs.Select(p => p.A.Source).ToArray(),
                aIds = pairs.Select(p => p.A.Id).ToArray(),
                bSources = pairs.Select(p => p.B.Source).ToArray(),
                bIds = pairs.Select(p => p.B.Id).ToArray(),
                probabilities = pairs.Select(p => p.Probability).ToArray(),
                reasons = pairs.Select(p => p.Reason).ToArray(),
                evidence = pairs.Select(p => p.Evidence).ToArray(),
                statuses = pairs.Select(p => p.Open ? "open" : "auto").ToArray(),
                shared = pairs.Select(p => p.Stake.Shared).ToArray(),
                changed = pairs.Select(p => p.Stake.Changed).ToArray(),
                eligible = pairs.Select(p => p.Stake.Eligible).ToArray(),
                deferred = pairs.Select(p => p.Open && p.Deferred.Count > 0 ? JsonSerializer.Serialize(p.Deferred, DeferredJson) : null).ToArray(),
            }, tx, cancellationToken: ct));
        return (pairs.Count(p => p.Open), [.. pairs.Where(p => p.Open && p.Stake.Shared > 0).Select(p => p.Later).Distinct()]);
    }

    private static readonly JsonSerializerOptions DeferredJson = new(JsonSerializerDefaults.Web);

    /// <summary>The histories, each with the reports it defers to another person while a question about the two is open
    /// (the conviction both report is decided once, with the other person): the reports a question deferred, held by
    /// whichever person holds their record now, while the question's two records are still two people.</summary>
    public static async Task<IReadOnlyList<PersonHistory>> WithDeferredReportsAsync(NpgsqlConnection connection, NpgsqlTransaction? tx,
        IReadOnlyList<PersonHistory> histories, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<(Guid Person, string Source, string SourceRecordId, string Reference)>(new CommandDefinition("""
            SELECT DISTINCT l.person_id, d.source, d."sourceRecordId", d.reference
            FROM matching.review_pair p
            JOIN matching.source_link la ON la.source = p.a_source AND la.source_record_id = p.a_record_id
            JOIN matching.source_link lb ON lb.source = p.b_source AND lb.source_record_id = p.b_record_id
            CROSS JOIN LATERAL jsonb_to_recordset(p.deferred) AS d(source text, "sourceRecordId" text, reference text)
            JOIN matching.source_link l ON l.source = d.source AND l.source_record_id = d."sourceRecordId"
            WHERE p.status = 'open' AND p.deferred IS NOT NULL AND la.person_id <> lb.person_id AND l.person_id = ANY(@people)
            """, new { people = histories.Select(h => h.PersonId).ToArray() }, tx, cancellationToken: ct));
        var deferred = rows.GroupBy(r => r.Person).ToDictionary(g => g.Key,
            g => (IReadOnlyList<ConvictionReport>)[.. g.Select(r => new ConvictionReport { Source = r.Source, SourceRecordId = r.SourceRecordId, Reference = r.Reference })]);
        return [.. histories.Select(h => deferred.TryGetValue(h.PersonId, out var reports) ? h with { DeferredReports = reports } : h)];
    }

    private static async Task StoreAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid runId, long version, IncrementalResult result, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO matching.person (person_id, created_run_id) SELECT unnest(@newPeople::uuid[]), @runId;
            UPDATE matching.link_state SET records = records + cardinality(@ids::text[]) WHERE id = 1;
            INSERT INTO matching.source_link (source, source_record_id, person_id, first_run_id, link_version)
            SELECT source, id, person, @runId, @version FROM unnest(@sources::text[], @ids::text[], @persons::uuid[]) AS i(source, id, person);
            UPDATE matching.person p SET merged_into = m.kept FROM unnest(@absorbed::uuid[], @kept::uuid[]) AS m(absorbed, kept) WHERE p.person_id = m.absorbed;
            UPDATE matching.source_link l SET person_id = m.kept, link_version = @version
            FROM unnest(@absorbed::uuid[], @kept::uuid[]) AS m(absorbed, kept) WHERE l.person_id = m.absorbed;
            """, new
            {
                runId,
                version,
                newPeople = result.Assignments.Where(a => a.NewPerson).Select(a => a.PersonId).Distinct().ToArray(),
                sources = result.Assignments.Select(a => SourceIdentities.FromKey(a.Record.Id).Source).ToArray(),
                ids = result.Assignments.Select(a => SourceIdentities.FromKey(a.Record.Id).Id).ToArray(),
                persons = result.Assignments.Select(a => a.PersonId).ToArray(),
                absorbed = result.Merges.Select(m => m.Absorbed).ToArray(),
                kept = result.Merges.Select(m => m.Kept).ToArray(),
            }, tx, cancellationToken: ct));
    }

    private static Task<int> RecordRunLinksAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid runId, IReadOnlyList<SourceRecord> records,
        Dictionary<string, Guid> personOf, CancellationToken ct)
    {
        var rows = records.SelectMany(r => LinkageRecords.LinkIds(r).Select(linkId => (r.Source, LinkId: linkId, r.SourceRecordId,
            Person: personOf[SourceIdentities.Key(r.Source, r.SourceRecordId)]))).ToList();
        return connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO matching.run_link (run_id, source, source_record_id, record_id, person_id)
            SELECT @runId, * FROM unnest(@sources::text[], @linkIds::text[], @recordIds::text[], @persons::uuid[])
            ON CONFLICT DO NOTHING
            """, new
            {
                runId,
                sources = rows.Select(r => r.Source).ToArray(),
                linkIds = rows.Select(r => r.LinkId).ToArray(),
                recordIds = rows.Select(r => r.SourceRecordId).ToArray(),
                persons = rows.Select(r => r.Person).ToArray(),
            }, tx, cancellationToken: ct));
    }

    /// <summary>The stored records of <paramref name="people"/>, but for those listed in <paramref name="except"/>.</summary>
    public static async Task<IReadOnlyList<(Guid PersonId, SourceRecord Record)>> RecordsOfAsync(NpgsqlConnection connection, NpgsqlTransaction? tx,
        FieldCipher cipher, IReadOnlyCollection<Guid> people, CancellationToken ct, IReadOnlyCollection<SourceRecord>? except = null)
    {
        except ??= [];
        var rows = await connection.QueryAsync<(Guid PersonId, byte[] Record)>(new CommandDefinition("""
            SELECT l.person_id, r.record FROM matching.source_link l JOIN matching.source_record r USING (source, source_record_id)
            WHERE l.person_id = ANY(@people)
              AND (l.source, l.source_record_id) NOT IN (SELECT * FROM unnest(@exceptSources::text[], @exceptIds::text[]))
            """, new
            {
                people = people.ToArray(),
                exceptSources = except.Select(r => r.Source).ToArray(),
                exceptIds = except.Select(r => r.SourceRecordId).ToArray(),
            }, tx, cancellationToken: ct));
        return [.. rows.Select(r => (r.PersonId, cipher.OpenJson<SourceRecord>(r.Record, StoredRecordColumns.Record)))];
    }

    /// <summary>The people (now: merges are followed) whose records have this lookup key, with the records.</summary>
    public async Task<IReadOnlyList<SourceLink>> LookUpAsync(string lookupKey, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<SourceLink>(new CommandDefinition("""
            SELECT l.source, l.source_record_id AS SourceRecordId, l.person_id AS PersonId
            FROM matching.lookup_key k JOIN matching.source_link l USING (source, source_record_id)
            WHERE k.key = @key ORDER BY l.person_id, l.source, l.source_record_id
            """, new { key = lookup.Of(lookupKey) }, cancellationToken: ct))];
    }

    /// <summary>Every record the run brought, with the person it belongs to now (merges since are followed).</summary>
    public async Task<IReadOnlyList<SourceLink>> ForRunAsync(Guid runId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<SourceLink>(new CommandDefinition("""
            SELECT r.source, r.source_record_id AS SourceRecordId, coalesce(l.person_id, r.person_id) AS PersonId
            FROM matching.run_link r LEFT JOIN matching.source_link l ON l.source = r.source AND l.source_record_id = r.record_id
            WHERE r.run_id = @runId ORDER BY r.source, r.source_record_id
            """, new { runId }, cancellationToken: ct))];
    }
}
