using System.Diagnostics;
using System.Globalization;
using Expunge.Cli.Analysis;
using Expunge.Cli.Generation;
using Expunge.CountyRecords;
using Expunge.Doj;
using Expunge.EligibilityRules;
using Expunge.Linkage;

namespace Expunge.Cli.Linkage;

/// <summary>What linking a generated county found, measured against its truth files.</summary>
public sealed record GeneratedEvaluation(
    LinkageScore Links, double PairCompleteness, int Records, double LinkSeconds, int People, int TruePeople, int ReviewPairs,
    int TrueLaConvictions, int MergedLaConvictions, int CountedTwice, int CourtOnlyCannabis, int CourtOnlyFoundAndDecided, int CourtOnlyEligible)
{
    public IEnumerable<string> Lines()
    {
        yield return $"generated county, person links: {Links}";
        yield return $"  {Records:N0} source records linked in {LinkSeconds:F1} s into {People:N0} people (truth: {TruePeople:N0}); " +
                     $"pair completeness {PairCompleteness:P2}; {ReviewPairs:N0} pairs for review";
        yield return $"  Los Angeles convictions: {TrueLaConvictions:N0} true, {MergedLaConvictions:N0} after merging sources, {CountedTwice:N0} counted twice";
        yield return $"  court-only cannabis convictions: {CourtOnlyCannabis:N0}; found and decided {CourtOnlyFoundAndDecided:N0}; eligible for relief {CourtOnlyEligible:N0}";
    }
}

/// <summary>
/// <c>expunge linkage-eval --generated DIR</c>: links the three sources of a generated county (doj.dat, court.csv,
/// da.csv), merges each person's convictions and decides them under a policy, all in-process, then scores the links
/// and the conviction counts against truth-records.csv and truth-convictions.csv.
/// </summary>
public static class GeneratedPopulationEvaluation
{
    /// <summary>
    /// What the matching service does with the same records: batches in ingestion's order (source, then record id),
    /// linked one batch at a time against everything before, with the model a fresh system starts with.
    /// </summary>
    public static (LinkageScore Score, double Seconds) RunIncremental(string directory, int recordsPerBatch, string linksFile)
    {
        var (_, _, linkage) = ReadSources(directory);
        var records = linkage.Select(StandardRecord.Of).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var clock = Stopwatch.StartNew();
        var known = new List<KnownRecord>();
        var (model, trained) = (DefaultModel.For(0), false);
        foreach (var batch in records.Chunk(recordsPerBatch))
        {
            // As the service does: the starting model until there are records to learn from, then a model trained on
            // the records linked so far, again each time they have doubled.
            if (trained ? known.Count >= 2 * model.RecordCount : known.Count >= 500)
            {
                var sample = known.Select(k => k.Record).ToList();
                (model, trained) = (FellegiSunterModel.Train(sample, Blocking.CandidatePairs(sample)), true);
            }
            var result = new IncrementalLinker(model, Guid.CreateVersion7).Link(batch, known);
            var moved = result.Merges.ToDictionary(m => m.Absorbed, m => m.Kept);
            known = [.. known.Select(k => moved.TryGetValue(k.PersonId, out var kept) ? k with { PersonId = kept } : k),
                .. result.Assignments.Select(a => new KnownRecord(a.Record, a.PersonId))];
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var truth = ReadTruthRecords(Path.Combine(directory, GeneratedPopulation.TruthRecordsFile));
        var predicted = known.GroupBy(k => k.PersonId).SelectMany(g => LinkageScore.PairsWithin(g.Select(k => k.Record.Id).ToList())).ToList();
        File.WriteAllLines(linksFile, ["id_a,id_b", .. predicted.Select(p => $"{Display(p.Item1)},{Display(p.Item2)}")]);
        return (LinkageScore.Of(predicted, TruePairs(records.Select(r => r.Id), truth)), seconds);
    }

    /// <summary>The DOJ subjects as ingestion hands them to matching: the first row's person fields (name, date of birth,
    /// sex, CII, licence) and the case numbers of the subject's court actions.</summary>
    private static IEnumerable<LinkageRecord> DojLinkageRecords(IEnumerable<RapSheet> sheets, Dictionary<string, string[]> firstRows) =>
        sheets.Select(s => SourceIdentities.ToLinkage(SourceIdentities.Doj, s.SubjectId, SourceIdentities.OfDojRow(firstRows[s.SubjectId]) with
        {
            CourtCaseNumbers = [.. s.Convictions.SelectMany(c => c.CaseNumber.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct()],
        }));

    /// <summary>Keeps each subject's first row, whose person fields stand for the subject (<see cref="SourceIdentities.OfDojRow"/>).</summary>
    private sealed class FirstRows : IDojRowSink
    {
        public Dictionary<string, string[]> OfSubject { get; } = new(StringComparer.Ordinal);

        public void Accept(DojRowView row)
        {
            var subject = row[DojColumns.SubjectId].ToString();
            if (OfSubject.ContainsKey(subject)) return;
            var fields = new string[DojColumns.Count];
            for (var i = 0; i < fields.Length; i++) fields[i] = row[i].ToString();
            OfSubject[subject] = fields;
        }

        public void Reject(RowError rejection) { }

        public void Warn(RowError warning) { }
    }

    /// <summary>The three files of a generated county: DOJ rap sheets, county cases, and every record as the linker reads it.</summary>
    private static (List<RapSheet> Sheets, List<CountyCase> County, List<LinkageRecord> Linkage) ReadSources(string directory)
    {
        var sheets = ReadDoj(Path.Combine(directory, GeneratedPopulation.DojFile));
        var firstRows = new FirstRows();
        using (var stream = File.OpenRead(Path.Combine(directory, GeneratedPopulation.DojFile))) DojExtractReader.Scan(stream, firstRows);
        var county = ReadCounty(Path.Combine(directory, GeneratedPopulation.CourtFile), CountyLayout.Court)
            .Concat(ReadCounty(Path.Combine(directory, GeneratedPopulation.DaFile), CountyLayout.Da)).ToList();
        return (sheets, county, [.. DojLinkageRecords(sheets, firstRows.OfSubject), .. county.Select(c => SourceIdentities.ToLinkage(c.Source, c.RecordId, c.Identity))]);
    }

    public static GeneratedEvaluation Run(string directory, Policy policy, string linksFile)
    {
        var (sheets, county, records) = ReadSources(directory);

        var clock = Stopwatch.StartNew();
        var result = Linker.Deduplicate(records, Console.Error);
        var seconds = clock.Elapsed.TotalSeconds;

        Console.Error.WriteLine($"linked in {seconds:F1} s");
        var truth = ReadTruthRecords(Path.Combine(directory, GeneratedPopulation.TruthRecordsFile));
        var truePairs = TruePairs(records.Select(r => r.Id), truth).ToList();
        var linked = result.LinkedPairs().ToList();
        using (var writer = new StreamWriter(linksFile))
        {
            writer.WriteLine("id_a,id_b,probability");
            foreach (var (a, b, p) in linked)
            {
                writer.WriteLine(ConvictionRows.ToCsvLine([Display(result.Records[a].Id), Display(result.Records[b].Id), p.ToString("0.######", CultureInfo.InvariantCulture)]));
            }
        }
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(linksFile)!, "generated-model.json"), ModelReport.Json(result.Model));
        var score = LinkageScore.Of(linked.Select(p => (result.Records[p.A].Id, result.Records[p.B].Id)), truePairs);
        var completeness = LinkageScore.Completeness(result.Compared.Select(p => (result.Records[p.A].Id, result.Records[p.B].Id)), truePairs);

        // Each person's convictions from every source, decided as the services would.
        var sheetOf = sheets.ToDictionary(s => SourceIdentities.Key(SourceIdentities.Doj, s.SubjectId));
        var countyOf = county.ToDictionary(c => SourceIdentities.Key(c.Source, c.RecordId));
        var claims = new Dictionary<string, int>(StringComparer.Ordinal);
        var decidedCourtRefs = new Dictionary<string, string>(StringComparer.Ordinal);
        var mergedLa = 0;
        foreach (var group in Enumerable.Range(0, records.Count).GroupBy(i => result.GroupOf[i]))
        {
            var ids = group.Select(i => records[i].Id).ToList();
            var merged = ConvictionMerger.Merge([.. ids.Where(sheetOf.ContainsKey).Select(id => sheetOf[id])],
                [.. ids.Where(countyOf.ContainsKey).SelectMany(id => countyOf[id].Counts)], policy.County);
            foreach (var conviction in merged.Convictions.Where(c => !c.Dismissed && c.Conviction.County == policy.County))
            {
                mergedLa++;
                foreach (var key in TruthKeys(conviction).Distinct()) claims[key] = claims.GetValueOrDefault(key) + 1;
            }
            foreach (var decision in EligibilityEngine.Decide(merged.Sheet, policy))
            {
                foreach (var source in merged.Of(decision.Conviction).Sources.Where(s => s.Source == "court"))
                {
                    decidedCourtRefs[source.Reference] = decision.Determination;
                }
            }
        }

        File.WriteAllLines(Path.Combine(Path.GetDirectoryName(linksFile)!, "generated-counted-twice.txt"), claims.Where(c => c.Value > 1).Select(c => c.Key));
        var convictions = ReadTruthConvictions(Path.Combine(directory, GeneratedPopulation.TruthConvictionsFile));
        var la = convictions.Where(c => c.InCourt && c.Convicted).ToList();
        var courtOnly = la.Where(c => c.Cannabis && !c.InDoj).ToList();
        var found = courtOnly.Where(c => decidedCourtRefs.ContainsKey(c.CourtRef)).ToList();
        return new GeneratedEvaluation(score, completeness, records.Count, seconds, result.GroupOf.Distinct().Count(), truth.Values.Distinct().Count(),
            result.Review.Count, la.Count, mergedLa, claims.Count(c => c.Value > 1), courtOnly.Count, found.Count,
            found.Count(c => decidedCourtRefs[c.CourtRef] is Determinations.EligibleForDismissal or Determinations.EligibleForReduction));
    }

    /// <summary>The true conviction a merged conviction's DOJ and court reports name: case key and count.</summary>
    private static IEnumerable<string> TruthKeys(MergedConviction conviction)
    {
        foreach (var source in conviction.Sources)
        {
            if (source.Source == "court" && source.Reference.Split('#') is [var kase, var count]) yield return $"{CaseKey.Parse(kase)?.Base}#{count}";
            if (source.Source == "doj" && conviction.Conviction.CntOrder.Length >= 9)
            {
                foreach (var ofn in conviction.Conviction.CaseNumber.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    yield return $"{CaseKey.Parse(ofn)?.Base}#{int.Parse(conviction.Conviction.CntOrder.AsSpan(6, 3), CultureInfo.InvariantCulture)}";
                }
            }
        }
    }

    private static string Display(string key) => SourceIdentities.FromKey(key) is var (source, id) ? $"{source}:{id}" : key;

    private static List<RapSheet> ReadDoj(string path)
    {
        var collector = new ExtractCollector();
        collector.StartFile(path);
        using (var stream = File.OpenRead(path)) DojExtractReader.Scan(stream, collector);
        return [.. collector.Subjects.Select(b => b.Build())];
    }

    private sealed record CountyCase(string Source, string RecordId, Contracts.PersonIdentity Identity, IReadOnlyList<CountyCount> Counts);

    private static IEnumerable<CountyCase> ReadCounty(string path, CountyLayout layout)
    {
        using var stream = File.OpenRead(path);
        return [.. CountyExportReader.Read(stream, layout).Where(r => r.Row is not null).Select(r => r.Row!).GroupBy(r => r.RecordId)
            .Select(g => new CountyCase(layout.Source, g.Key, SourceIdentities.OfCountyRows(layout.Source, [.. g.Select(r => r.Fields)]),
                [.. g.Select(r => CountyCount.FromFields(layout.Source, g.Key, r.Fields))]))];
    }

    private static Dictionary<string, string> ReadTruthRecords(string path) =>
        File.ReadLines(path).Skip(1).Select(l => l.Split(',')).DistinctBy(f => (f[0], f[1]))
            .ToDictionary(f => SourceIdentities.Key(f[0], f[1]), f => f[3], StringComparer.Ordinal);

    private static IEnumerable<(string, string)> TruePairs(IEnumerable<string> ids, Dictionary<string, string> personOf) =>
        ids.Where(personOf.ContainsKey).GroupBy(id => personOf[id]).SelectMany(g => LinkageScore.PairsWithin(g.ToList()));

    private sealed record TrueConviction(string Person, string CourtRef, bool Cannabis, bool Convicted, bool InDoj, bool InCourt);

    private static List<TrueConviction> ReadTruthConvictions(string path) =>
        [.. File.ReadLines(path).Skip(1).Select(l => l.Split(',')).Select(f => new TrueConviction(f[0], $"{f[1]}#{f[2]}", f[5] == "y", f[6] == "y", f[7] == "y", f[8] == "y"))];
}
