using System.Diagnostics;
using System.Globalization;
using Expunge.Cli.Analysis;
using Expunge.Cli.Generation;
using Expunge.CountyRecords;
using Expunge.Doj;
using Expunge.EligibilityRules;
using Expunge.Linkage;

namespace Expunge.Cli.Linkage;

/// <summary>One figure's count and a few of the cases behind it, for a person to look at.</summary>
public sealed record Finding(string Name, long Count, IReadOnlyList<string> Examples);

/// <summary>What linking a generated county found, measured against its truth files.</summary>
public sealed record GeneratedEvaluation(
    LinkageScore Links, double PairCompleteness, int Records, double LinkSeconds, int People, int TruePeople, int ReviewPairs, int PeopleWithQuestion,
    int TrueLaCannabis, int CourtOnlyCannabis, int CourtOnlyFoundAndDecided, int CourtOnlyEligible, IReadOnlyList<Finding> Findings)
{
    public long Count(string name) => Findings.First(f => f.Name == name).Count;

    public IEnumerable<string> Lines()
    {
        yield return $"generated county, person links: {Links}";
        yield return $"  {Records:N0} source records linked in {LinkSeconds:F1} s into {People:N0} people (truth: {TruePeople:N0}); " +
                     $"pair completeness {PairCompleteness:P2}; {ReviewPairs:N0} questions raised; {PeopleWithQuestion:N0} people " +
                     $"({(double)PeopleWithQuestion / Math.Max(People, 1):P2}) with an open question whose answer changes a determination or a count";
        yield return $"  Los Angeles cannabis convictions: {TrueLaCannabis:N0} true; court-only {CourtOnlyCannabis:N0}, found and decided " +
                     $"{CourtOnlyFoundAndDecided:N0}, eligible for relief {CourtOnlyEligible:N0}";
        foreach (var finding in Findings) yield return $"  {finding.Name}: {finding.Count:N0}";
    }
}

/// <summary>
/// <c>expunge linkage-eval --generated DIR</c>: links the three sources of a generated county (doj.dat, court.csv,
/// da.csv), merges each person's convictions and decides them under a policy, all in-process, then scores the links
/// and the conviction counts against the truth files: pairwise precision and recall, people mixed and split,
/// convictions decided twice or not at all, rows rejected, each with examples.
/// </summary>
public static class GeneratedPopulationEvaluation
{
    public const string PeopleMixed = "predicted people that mix two or more real people";
    public const string PeopleSplit = "real people split over two or more predicted people";
    public const string DecidedTwice = "LA cannabis convictions decided more than once";
    public const string SharedQuestions = "open questions: a conviction both people report";
    public const string ReliefQuestions = "open questions: relief changes with the answer";
    public const string OtherQuestions = "open questions: another determination changes";
    public const string NotFound = "LA cannabis convictions not found";
    public const string MergedApart = "decided convictions that join two true convictions";
    public const string RowsRejected = "rows rejected";

    private const int ExamplesPerFinding = 5;

    /// <summary>
    /// What the matching service does with the same records: batches in ingestion's order (source, then record id),
    /// linked one batch at a time against everything before, with the model a fresh system starts with, then a model
    /// trained on the records linked so far, again each time they have doubled. The groups are the people, the
    /// review candidates the questions the service would ask.
    /// </summary>
    private static Linked LinkIncrementally(IReadOnlyList<LinkageRecord> input, int recordsPerBatch)
    {
        var records = StandardRecord.OfAll(input).OrderBy(r => r.Source == "doj" ? 0 : 1).ThenBy(r => r.Source, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var index = new CandidateIndex();
        var linked = new List<StandardRecord>();
        var review = new List<ReviewCandidate>();
        var (model, trained) = (DefaultModel.For(0), false);
        foreach (var batch in records.Chunk(recordsPerBatch))
        {
            if (trained ? linked.Count >= 2 * model.RecordCount : linked.Count >= 500)
            {
                (model, trained) = (FellegiSunterModel.Train(linked, Blocking.CandidatePairs(linked)), true);
            }
            var result = new IncrementalLinker(model, Guid.CreateVersion7).Link(batch, index.Candidates(batch));
            foreach (var merge in result.Merges) index.Merge(merge.Absorbed, merge.Kept);
            foreach (var assignment in result.Assignments) index.Set(assignment.Record, assignment.PersonId);
            linked.AddRange(batch);
            review.AddRange(result.Review);
        }
        var groups = linked.GroupBy(r => index.PersonOf(r.Id)!.Value).Select(g => g.Select(r => r.Id).ToList()).ToList();
        return new Linked(model, linked, groups, [.. review.Select(r => (r.A.Id, r.B.Id))], []);
    }

    /// <summary>People as a linker formed them: the records and model, each person's record ids, the questions the
    /// linker raised (pairs of record ids), and the pairs it compared (for pair completeness; empty when unknown).</summary>
    private sealed record Linked(FellegiSunterModel Model, IReadOnlyList<StandardRecord> Records, List<List<string>> Groups,
        IReadOnlyList<(string A, string B)> Questions, IReadOnlyList<(string, string)> Compared);

    /// <summary>Reads each DOJ subject's rap sheet and identity in one pass, and every rejected row.</summary>
    private sealed class DojSubjects : IDojRowSink
    {
        private readonly ExtractCollector _sheets = new();
        private readonly Dictionary<string, DojIdentityBuilder> _identities = new(StringComparer.Ordinal);

        public DojSubjects(string file) => _sheets.StartFile(file);

        public List<RowError> Rejected { get; } = [];

        public IEnumerable<(RapSheet Sheet, Contracts.PersonIdentity Identity)> Subjects =>
            _sheets.Subjects.Select(b => (b.Build(), _identities[b.SubjectId].Build()));

        public void Accept(DojRowView row)
        {
            _sheets.Accept(row);
            var subject = row[DojColumns.SubjectId].ToString();
            if (!_identities.TryGetValue(subject, out var identity)) _identities[subject] = identity = new DojIdentityBuilder();
            identity.Add(row);
        }

        public void Reject(RowError rejection) => Rejected.Add(rejection);

        public void Warn(RowError warning) { }
    }

    private sealed record CountyCase(string Source, string RecordId, Contracts.PersonIdentity Identity, IReadOnlyList<CountyCount> Counts);

    private sealed record Sources(List<RapSheet> Sheets, List<CountyCase> County, List<LinkageRecord> Linkage, List<(string File, RowError Error)> Rejected);

    /// <summary>The three files of a generated county: DOJ rap sheets, county cases, every record as the linker reads it,
    /// and the rows the readers rejected.</summary>
    private static Sources ReadSources(string directory)
    {
        var dojFile = Path.Combine(directory, GeneratedPopulation.DojFile);
        var doj = new DojSubjects(dojFile);
        using (var stream = File.OpenRead(dojFile)) DojExtractReader.Scan(stream, doj);
        var subjects = doj.Subjects.ToList();
        var rejected = doj.Rejected.Select(e => (GeneratedPopulation.DojFile, e)).ToList();
        var county = new List<CountyCase>();
        foreach (var (file, layout) in new[] { (GeneratedPopulation.CourtFile, CountyLayout.Court), (GeneratedPopulation.DaFile, CountyLayout.Da) })
        {
            using var stream = File.OpenRead(Path.Combine(directory, file));
            var rows = CountyExportReader.Read(stream, layout).ToList();
            rejected.AddRange(rows.Where(r => r.Error is not null).Select(r => (file, r.Error!)));
            county.AddRange(rows.Where(r => r.Row is not null).Select(r => r.Row!).GroupBy(r => r.RecordId)
                .Select(g => new CountyCase(layout.Source, g.Key, SourceIdentities.OfCountyRows(layout.Source, [.. g.Select(r => r.Fields)]),
                    [.. g.Select(r => CountyCount.FromFields(layout.Source, g.Key, r.Fields))])));
        }
        var linkage = subjects.Select(s => SourceIdentities.ToLinkage(SourceIdentities.Doj, s.Sheet.SubjectId, s.Identity))
            .Concat(county.Select(c => SourceIdentities.ToLinkage(c.Source, c.RecordId, c.Identity))).ToList();
        return new Sources([.. subjects.Select(s => s.Sheet)], county, linkage, rejected);
    }

    /// <param name="incremental">Link as the matching service does (<see cref="LinkIncrementally"/>, in batches of
    /// <paramref name="recordsPerBatch"/>) instead of all records at once.</param>
    /// <param name="prefix">Names the output files (<c>generated</c>, <c>generated-incremental</c>).</param>
    public static GeneratedEvaluation Run(string directory, Policy policy, string outDir, bool incremental = false, int recordsPerBatch = 200,
        string prefix = "generated")
    {
        var (sheets, county, records, rejected) = ReadSources(directory);

        var clock = Stopwatch.StartNew();
        Linked linking;
        double seconds;
        if (incremental)
        {
            linking = LinkIncrementally(records, recordsPerBatch);
            seconds = clock.Elapsed.TotalSeconds;
        }
        else
        {
            var result = Linker.Deduplicate(records, Console.Error);
            seconds = clock.Elapsed.TotalSeconds;
            linking = new Linked(result.Model, result.Records,
                [.. Enumerable.Range(0, records.Count).GroupBy(i => result.GroupOf[i]).Select(g => g.Select(i => records[i].Id).ToList())],
                [.. result.Review.Select(p => (result.Records[p.A].Id, result.Records[p.B].Id))],
                [.. result.Compared.Select(p => (result.Records[p.A].Id, result.Records[p.B].Id))]);
        }
        Console.Error.WriteLine($"linked in {seconds:F1} s");

        var personOf = ReadTruthRecords(Path.Combine(directory, GeneratedPopulation.TruthRecordsFile));
        var truePairs = TruePairs(records.Select(r => r.Id), personOf).ToList();
        var groups = linking.Groups;
        var linked = groups.SelectMany(g => LinkageScore.PairsWithin(g)).ToList();
        File.WriteAllLines(Path.Combine(outDir, $"{prefix}-links.csv"), ["id_a,id_b", .. linked.Select(p => $"{Display(p.Item1)},{Display(p.Item2)}")]);
        File.WriteAllText(Path.Combine(outDir, $"{prefix}-model.json"), ModelReport.Json(linking.Model));
        var score = LinkageScore.Of(linked, truePairs);
        var completeness = linking.Compared.Count > 0 ? LinkageScore.Completeness(linking.Compared, truePairs) : double.NaN;

        var indexOf = Enumerable.Range(0, linking.Records.Count).ToDictionary(i => linking.Records[i].Id, StringComparer.Ordinal);
        // A pair as the model saw it: probability and each field's level, for the examples.
        string Pair(string a, string b)
        {
            var (x, y) = (linking.Records[indexOf[a]], linking.Records[indexOf[b]]);
            var vector = Comparison.Compare(x, y);
            var fields = string.Join(" ", Evidence.Explain(linking.Model, x, y, vector).Select(e => $"{e.Field}={e.ValueA}|{e.ValueB}:{e.Weight:+0.#;-0.#}"));
            return $"[{Display(a)} ~ {Display(b)}: p={PairDecision.Probability(linking.Model, x, vector):0.####}{(vector.IdentifiersConflict ? " conflict" : "")} {fields}]";
        }
        var findings = new List<Finding>
        {
            Mixed(groups, personOf, Pair, (a, b) => linking.Records[indexOf[a]] is var x && linking.Records[indexOf[b]] is var y
                && x.Name.Given == y.Name.Given && x.Name.Surname == y.Name.Surname && x.DateOfBirth == y.DateOfBirth && Dates.IsWhole(x.DateOfBirth)
                && (x.StrongId.Length == 0 || y.StrongId.Length == 0)),
            Split(groups, personOf, Pair),
        };

        // Each person's convictions from every source, decided as the services would.
        var reports = ReadTruthReports(Path.Combine(directory, GeneratedPopulation.TruthReportsFile));
        var convictions = ReadTruthConvictions(Path.Combine(directory, GeneratedPopulation.TruthConvictionsFile));
        var sheetOf = sheets.ToDictionary(s => SourceIdentities.Key(SourceIdentities.Doj, s.SubjectId));
        var countyOf = county.ToDictionary(c => SourceIdentities.Key(c.Source, c.RecordId));
        var groupOf = groups.SelectMany((g, i) => g.Select(id => (id, i))).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        var sourcesOf = groups.Select(ids => new PersonSources([.. ids.Where(sheetOf.ContainsKey).Select(id => sheetOf[id])],
            [.. ids.Where(countyOf.ContainsKey).SelectMany(id => countyOf[id].Counts)],
            StrongIds: [.. ids.Select(id => linking.Records[indexOf[id]].StrongId).Where(c => c.Length > 0).Distinct()])).ToList();
        var (questioned, deferred, deferredTo, questionKinds) = WeighQuestions(linking, indexOf, groupOf, sourcesOf, policy);
        // true conviction → the people deciding it, each with the records of its copy
        var claims = new Dictionary<string, List<(string Described, List<string> Records)>>(StringComparer.Ordinal);
        var mergedApart = new List<string>();
        var decidedCourtRefs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (ids, group) in groups.Select((g, i) => (g, i)))
        {
            var merged = sourcesOf[group].Merge(policy.County).Without(deferred.GetValueOrDefault(group) ?? []);
            foreach (var conviction in merged.Convictions.Where(c => c.DecidedIn(policy.County)))
            {
                var trueIds = conviction.Sources.Select(s => reports.GetValueOrDefault((s.Source, s.SourceRecordId, s.Reference))).OfType<string>().Distinct().ToList();
                foreach (var id in trueIds)
                {
                    if (!claims.TryGetValue(id, out var people)) claims[id] = people = [];
                    people.Add(($"person {group}: {string.Join(" + ", conviction.Sources.Select(s => $"{s.Source}:{s.SourceRecordId}:{s.Reference}"))}",
                        [.. conviction.Sources.Select(s => SourceIdentities.Key(s.Source, s.SourceRecordId)).Distinct()]));
                }
                if (trueIds.Count > 1) mergedApart.Add($"{string.Join(" and ", trueIds)} decided as one ({conviction.SourceNames})");
            }
            foreach (var decision in EligibilityEngine.Decide(merged.Sheet, policy))
            {
                foreach (var source in merged.Of(decision.Conviction).Sources.Where(s => s.Source == "court"))
                {
                    decidedCourtRefs[source.Reference] = decision.Determination;
                }
            }
        }
        var twice = claims.Where(c => c.Value.Count > 1).ToList();
        // With the closest pair of records of its first two copies: what the model saw of the link it did not make.
        findings.Add(new Finding(DecidedTwice, twice.Count, [.. twice.Take(ExamplesPerFinding * 4).Select(c =>
            $"{c.Key}: {string.Join(" | ", c.Value.Select(v => v.Described))} " +
            c.Value[0].Records.SelectMany(a => c.Value[1].Records.Where(b => b != a).Select(b => Pair(a, b))).OrderByDescending(Probability).FirstOrDefault())]));
        // A true conviction some file reports (a report of a row the readers kept) that no decided conviction covers.
        var reported = reports.Where(r => sheetOf.ContainsKey(SourceIdentities.Key(r.Key.Source, r.Key.Record)) || countyOf.ContainsKey(SourceIdentities.Key(r.Key.Source, r.Key.Record)))
            .Select(r => r.Value).ToHashSet(StringComparer.Ordinal);
        var laCannabis = convictions.Where(c => c.InCourt && c.Convicted && c.Cannabis).ToList();
        var missing = laCannabis.Where(c => reported.Contains(c.ConvictionId) && !claims.ContainsKey(c.ConvictionId)).ToList();
        // Each with where its reports are: the person holding each, and the person it waits for when a question deferred it.
        string WhereReported(string convictionId) => string.Join("; ", reports.Where(r => r.Value == convictionId).Select(r =>
            $"{r.Key.Source}:{r.Key.Record}:{r.Key.Reference} in person {groupOf.GetValueOrDefault(SourceIdentities.Key(r.Key.Source, r.Key.Record), -1)}" +
            (deferredTo.TryGetValue(r.Key, out var earlier) ? $" deferred to person {earlier} ({string.Join(", ", groups[earlier].Select(Display))})" : "")));
        findings.Add(new Finding(NotFound, missing.Count, [.. missing.Take(ExamplesPerFinding).Select(c => $"{c.ConvictionId} of {c.Person}: {WhereReported(c.ConvictionId)}")]));
        findings.Add(new Finding(MergedApart, mergedApart.Count, [.. mergedApart.Take(ExamplesPerFinding)]));
        findings.Add(new Finding(RowsRejected, rejected.Count, [.. rejected.Take(ExamplesPerFinding).Select(r => $"{r.File} line {r.Error.Line}: {r.Error.Code} {r.Error.Message}")]));
        // Of each kind, how many the truth answers "one person", with examples of both answers.
        foreach (var kind in (string[])[SharedQuestions, ReliefQuestions, OtherQuestions])
        {
            var asked = questionKinds.Where(q => q.Kind == kind)
                .Select(q => (q.A, q.B, OnePerson: personOf.GetValueOrDefault(q.A) is { } x && x == personOf.GetValueOrDefault(q.B),
                    Twins: Comparison.Compare(linking.Records[indexOf[q.A]], linking.Records[indexOf[q.B]]).Relatives)).ToList();
            findings.Add(new Finding(kind, asked.Count, [.. asked.GroupBy(q => (q.OnePerson, q.Twins)).SelectMany(g => g.Take(ExamplesPerFinding)
                .Select(q => $"{(q.OnePerson ? "one person" : "two people")}{(q.Twins ? ", the twins' pattern" : "")} ({g.Count():N0}): {Pair(q.A, q.B)}"))]));
        }
        File.WriteAllLines(Path.Combine(outDir, $"{prefix}-examples.txt"), findings.SelectMany(f => (string[])[$"{f.Name}: {f.Count:N0}", .. f.Examples.Select(e => "  " + e)]));

        var courtOnly = laCannabis.Where(c => !c.InDoj).ToList();
        var found = courtOnly.Where(c => decidedCourtRefs.ContainsKey(c.CourtRef)).ToList();
        return new GeneratedEvaluation(score, completeness, records.Count, seconds, groups.Count, personOf.Values.Distinct().Count(),
            linking.Questions.Count, questioned.Count, laCannabis.Count, courtOnly.Count, found.Count,
            found.Count(c => decidedCourtRefs[c.CourtRef] is Determinations.EligibleForDismissal or Determinations.EligibleForReduction), findings);
    }

    /// <summary>
    /// The questions still open (their records in two people), weighed as the matching service weighs them: those whose
    /// answer changes nothing are settled by the model; of a conviction two questioned people both report, the later
    /// person (here, group) defers its reports. Returns the people with an open question, the reports each defers, and
    /// how many questions are of each kind.
    /// </summary>
    private static (HashSet<int> Questioned, Dictionary<int, List<Contracts.ConvictionReport>> Deferred, Dictionary<(string, string, string), int> DeferredTo,
        List<(string Kind, string A, string B)> Kinds)
        WeighQuestions(Linked linking, Dictionary<string, int> indexOf, Dictionary<string, int> groupOf, List<PersonSources> sourcesOf, Policy policy)
    {
        double ProbabilityOf((string A, string B) q)
        {
            var (x, y) = (linking.Records[indexOf[q.A]], linking.Records[indexOf[q.B]]);
            return PairDecision.QuestionProbability(linking.Model, x, Comparison.Compare(x, y));
        }
        var questioned = new HashSet<int>();
        var deferred = new Dictionary<int, List<Contracts.ConvictionReport>>();
        var deferredTo = new Dictionary<(string, string, string), int>(); // a deferred report → the person it waits for
        var kinds = new List<(string Kind, string A, string B)>(); // each open question, by kind, with its likeliest pair of records
        foreach (var ((a, b), (pair, probability)) in linking.Questions.GroupBy(q => (groupOf[q.A], groupOf[q.B])).Where(g => g.Key.Item1 != g.Key.Item2)
                     .Select(g => (g.Key, g.Select(q => (Pair: q, Probability: ProbabilityOf(q))).MaxBy(q => q.Probability))))
        {
            var stake = LinkageStakes.Of(sourcesOf[a], sourcesOf[b], policy, policy.County);
            if (!stake.Matters(probability)) continue;
            questioned.UnionWith([a, b]);
            kinds.Add((stake.Shared > 0 ? SharedQuestions : stake.Eligible > 0 ? ReliefQuestions : OtherQuestions, pair.A, pair.B));
            var (earlier, later, waiting) = a < b ? (a, b, stake.Deferring(aIsEarlier: true)) : (b, a, stake.Deferring(aIsEarlier: false));
            if (waiting.Count > 0) (deferred.TryGetValue(later, out var held) ? held : deferred[later] = []).AddRange(waiting);
            foreach (var r in waiting) deferredTo[(r.Source, r.SourceRecordId, r.Reference)] = earlier;
        }
        return (questioned, deferred, deferredTo, kinds);
    }

    /// <param name="pair">How the model saw a pair of records, for the examples.</param>
    /// <param name="namesakes">Whether two records are of one name and one whole date of birth with no CII on one side:
    /// two people no comparison of identities can tell apart.</param>
    private static Finding Mixed(List<List<string>> groups, Dictionary<string, string> personOf, Func<string, string, string> pair,
        Func<string, string, bool> namesakes)
    {
        var mixed = groups.Where(g => g.Select(id => personOf.GetValueOrDefault(id)).Distinct().Count() > 1).ToList();
        var ofNamesakes = mixed.Count(g => g.Any(a => g.Any(b => personOf.GetValueOrDefault(a) != personOf.GetValueOrDefault(b) && namesakes(a, b))));
        return new Finding(PeopleMixed, mixed.Count, [$"{ofNamesakes:N0} of them hold records of two people of one name and one date of birth, one without a CII",
            .. mixed.Take(ExamplesPerFinding).Select(g =>
        {
            // The closest pair of records of two different real people in the group: what joined them.
            var closest = g.SelectMany(a => g.Where(b => personOf.GetValueOrDefault(a) != personOf.GetValueOrDefault(b) && string.CompareOrdinal(a, b) < 0).Select(b => pair(a, b)))
                .OrderByDescending(Probability).First();
            return $"{string.Join(", ", g.Select(id => $"{Display(id)} ({personOf.GetValueOrDefault(id)})"))} {closest}";
        })]);
    }

    private static Finding Split(List<List<string>> groups, Dictionary<string, string> personOf, Func<string, string, string> pair)
    {
        var groupsOf = groups.SelectMany((g, i) => g.Select(id => (Person: personOf.GetValueOrDefault(id) ?? "", Group: i, Id: id)))
            .GroupBy(x => x.Person).Where(g => g.Select(x => x.Group).Distinct().Count() > 1).ToList();
        return new Finding(PeopleSplit, groupsOf.Count, [.. groupsOf.Take(ExamplesPerFinding * 4).Select(p =>
        {
            // The closest pair of records across the parts: the link the model did not make.
            var closest = p.SelectMany(a => p.Where(b => b.Group != a.Group && string.CompareOrdinal(a.Id, b.Id) < 0).Select(b => pair(a.Id, b.Id)))
                .OrderByDescending(Probability).First();
            return $"{p.Key}: {string.Join(" / ", p.GroupBy(x => x.Group).Select(g => string.Join(", ", g.Select(x => Display(x.Id)))))} {closest}";
        })]);
    }

    private static double Probability(string described) =>
        double.Parse(described[(described.IndexOf("p=", StringComparison.Ordinal) + 2)..].Split(' ', ']')[0], CultureInfo.InvariantCulture);

    private static string Display(string key) => SourceIdentities.FromKey(key) is var (source, id) ? $"{source}:{id}" : key;

    private static Dictionary<string, string> ReadTruthRecords(string path) =>
        File.ReadLines(path).Skip(1).Select(l => l.Split(',')).DistinctBy(f => (f[0], f[1]))
            .ToDictionary(f => SourceIdentities.Key(f[0], f[1]), f => f[3], StringComparer.Ordinal);

    /// <summary>(source, record, reference) → the true conviction the report is of.</summary>
    private static Dictionary<(string Source, string Record, string Reference), string> ReadTruthReports(string path) =>
        File.ReadLines(path).Skip(1).Select(l => l.Split(',')).ToDictionary(f => (f[0], f[1], f[2]), f => f[3]);

    private static IEnumerable<(string, string)> TruePairs(IEnumerable<string> ids, Dictionary<string, string> personOf) =>
        ids.Where(personOf.ContainsKey).GroupBy(id => personOf[id]).SelectMany(g => LinkageScore.PairsWithin(g.ToList()));

    private sealed record TrueConviction(string Person, string CourtRef, bool Cannabis, bool Convicted, bool InDoj, bool InCourt, string ConvictionId);

    private static List<TrueConviction> ReadTruthConvictions(string path) =>
        [.. File.ReadLines(path).Skip(1).Select(l => l.Split(','))
            .Select(f => new TrueConviction(f[0], $"{f[1]}#{f[2]}", f[5] == "y", f[6] == "y", f[7] == "y", f[8] == "y", f[10]))];
}
