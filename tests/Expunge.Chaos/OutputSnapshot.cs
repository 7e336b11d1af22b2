using Dapper;
using Expunge.Testing;
using Npgsql;

namespace Expunge.Chaos;

/// <summary>
/// Everything one run left in the five services' databases, as a multiset of facts a second stack given the same
/// input must reproduce exactly: every raw row and its rejection, every source record's person, every current
/// decision, every filed conviction, package and package row, every operator event and delivery. Person ids are random
/// per stack, so a person is named by the smallest of its source records (the clusters must agree, not the ids).
/// </summary>
public sealed record OutputSnapshot(IReadOnlyDictionary<string, int> Facts, long RejectedRows, long Undecided)
{
    public static async Task<OutputSnapshot> ReadAsync(RunningServices stack, Guid runId)
    {
        var facts = new Dictionary<string, int>();
        void Add(IEnumerable<string> items)
        {
            foreach (var item in items) facts[item] = facts.GetValueOrDefault(item) + 1;
        }

        await using var ingestion = new NpgsqlConnection(stack.Databases["ingestion"]);
        await using var matching = new NpgsqlConnection(stack.Databases["matching"]);
        await using var eligibility = new NpgsqlConnection(stack.Databases["eligibility"]);
        await using var motions = new NpgsqlConnection(stack.Databases["motions"]);
        await using var notifications = new NpgsqlConnection(stack.Databases["notifications"]);

        var rows = (await ingestion.QueryAsync<(string Kind, long Line, string? Record, string? Rejection)>("""
            SELECT f.kind, r.line, r.source_record_id, r.rejection_code
            FROM ingestion.raw_row r JOIN ingestion.run_file f USING (file_id) WHERE r.run_id = @runId
            """, new { runId })).ToList();
        Add(rows.Select(r => $"row {r.Kind} line {r.Line} {r.Record} {r.Rejection ?? "accepted"}"));

        var links = (await matching.QueryAsync<(string Source, string Record, Guid Person)>(
            "SELECT source, source_record_id, person_id FROM matching.source_link")).ToList();
        var canonical = links.GroupBy(l => l.Person).ToDictionary(g => g.Key, g => g.Select(l => $"{l.Source}:{l.Record}").Min(StringComparer.Ordinal)!);
        string Person(Guid id) => canonical.TryGetValue(id, out var name) ? name : $"unknown person {id}";
        Add(links.Select(l => $"link {l.Source}:{l.Record} → {Person(l.Person)}"));

        var histories = (await eligibility.QueryAsync<(Guid Person, string State)>(
            "SELECT person_id, state FROM eligibility.person_history WHERE run_id = @runId", new { runId })).ToList();
        Add(histories.Select(h => $"history of {Person(h.Person)} {h.State}"));
        Add((await eligibility.QueryAsync<(string Source, string Record, string Count, string Determination, string Reason, Guid Person)>("""
            SELECT source, source_record_id, cnt_order, determination, reason_code, person_id
            FROM eligibility.determination WHERE superseded_by IS NULL
            """)).Select(d => $"decision {d.Source}:{d.Record}#{d.Count} {d.Determination} {d.Reason} of {Person(d.Person)}"));
        Add((await eligibility.QueryAsync<(string Source, string Record, string Count, string Status)>("""
            SELECT d.source, d.source_record_id, d.cnt_order, i.status
            FROM eligibility.review_item i JOIN eligibility.determination d USING (determination_id)
            """)).Select(r => $"review {r.Source}:{r.Record}#{r.Count} {r.Status}"));

        Add((await motions.QueryAsync<(string Source, string Record, string Count, string Determination, string Court, string Status)>(
            "SELECT source, source_record_id, cnt_order, determination, court, status FROM motions.conviction"))
            .Select(c => $"conviction {c.Source}:{c.Record}#{c.Count} {c.Determination} at {c.Court} {c.Status}"));
        var packages = (await motions.QueryAsync<(Guid Id, string Key, int Version, int Rows, int Eligible)>(
            "SELECT package_id, package_key, version, rows, eligible_rows FROM motions.package")).ToList();
        // A run's package key names the run ("run:<id>|court|agency"): the same package of another run's stack.
        string Key(string key) => key.Replace(runId.ToString(), "<run>", StringComparison.Ordinal);
        var packageKeys = packages.ToDictionary(p => p.Id, p => $"{Key(p.Key)} v{p.Version}");
        Add(packages.Select(p => $"package {Key(p.Key)} v{p.Version} rows {p.Rows} eligible {p.Eligible}"));
        Add((await motions.QueryAsync<(Guid Package, string List, string Source, string Record, string Count)>(
            "SELECT package_id, list, source, source_record_id, cnt_order FROM motions.package_row"))
            .Select(r => $"package row {packageKeys[r.Package]} {r.List} {r.Source}:{r.Record}#{r.Count}"));
        var awaiting = await motions.ExecuteScalarAsync<long>("SELECT count(*) FROM motions.awaiting_decision");

        Add((await notifications.QueryAsync<string>("SELECT kind FROM notifications.operator_event WHERE run_id = @runId", new { runId }))
            .Select(kind => $"operator event {kind}"));
        Add((await notifications.QueryAsync<(string Channel, string Kind, Guid Subject, string Status)>("""
            SELECT r.channel, d.kind, d.subject_id, d.status FROM notifications.delivery d JOIN notifications.recipient r USING (recipient_id)
            WHERE d.kind = 'filing'
            """)).Select(d => $"delivery {d.Channel} of {(packageKeys.TryGetValue(d.Subject, out var key) ? key : d.Subject.ToString())} {d.Status}"));

        // Every accepted source record must have reached a person, and every person a decision.
        var accepted = rows.Where(r => r.Rejection is null && r.Record is not null).Select(r => r.Record!).ToHashSet(StringComparer.Ordinal);
        var linked = links.Select(l => l.Record).ToHashSet(StringComparer.Ordinal);
        var undecided = accepted.Count(r => !linked.Contains(r)) + histories.Count(h => h.State != "decided") + awaiting;
        return new OutputSnapshot(facts, rows.Count(r => r.Rejection is not null), undecided);
    }

    /// <summary>Facts of <paramref name="golden"/> missing here (lost) and facts here more often than there (duplicated,
    /// or new: either way something the clean run did not produce).</summary>
    public Difference Against(OutputSnapshot golden)
    {
        var lost = golden.Facts.Where(f => f.Value > Facts.GetValueOrDefault(f.Key)).Select(f => (f.Key, f.Value - Facts.GetValueOrDefault(f.Key))).ToList();
        var extra = Facts.Where(f => f.Value > golden.Facts.GetValueOrDefault(f.Key)).Select(f => (f.Key, f.Value - golden.Facts.GetValueOrDefault(f.Key))).ToList();
        return new Difference(lost.Sum(l => l.Item2), extra.Sum(e => e.Item2),
            [.. lost.Take(5).Select(l => $"lost: {l.Key}"), .. extra.Take(5).Select(e => $"extra: {e.Key}")]);
    }

    public sealed record Difference(int Lost, int Duplicated, IReadOnlyList<string> Examples);
}
