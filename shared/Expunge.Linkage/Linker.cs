using System.Runtime.InteropServices;

namespace Expunge.Linkage;

/// <summary>The result of linking a set of records: pairs scored, people formed, pairs for a person to review.</summary>
public sealed record LinkageResult(
    FellegiSunterModel Model,
    IReadOnlyList<StandardRecord> Records,
    IReadOnlyList<ScoredPair> Compared,
    int[] GroupOf,
    IReadOnlyList<ScoredPair> Review)
{
    /// <summary>Every pair of records placed in the same person, with the model's probability for the pair.</summary>
    public IEnumerable<(int A, int B, double Probability)> LinkedPairs() =>
        Enumerable.Range(0, GroupOf.Length).GroupBy(i => GroupOf[i])
            .SelectMany(group => LinkageScore.PairsWithin(group.ToList()))
            .Select(p => (p.Item1, p.Item2, PairDecision.Probability(Model, Records[p.Item1], Comparison.Compare(Records[p.Item1], Records[p.Item2]))));
}

/// <summary>Batch linkage of records held in memory: blocking, model training, scoring, grouping.</summary>
public static class Linker
{
    /// <summary>One set of records, possibly several per person: every person becomes one group.</summary>
    public static LinkageResult Deduplicate(IReadOnlyList<LinkageRecord> input, TextWriter? log = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var records = StandardRecord.OfAll(input);
        log?.WriteLine($"standardised {records.Length:N0} records: {clock.Elapsed.TotalSeconds:F1} s");
        var candidates = Blocking.CandidatePairs(records);
        log?.WriteLine($"blocking: {candidates.Count:N0} candidate pairs: {clock.Elapsed.TotalSeconds:F1} s");
        var vectors = FellegiSunterModel.Compare(records, candidates);
        log?.WriteLine($"compared: {clock.Elapsed.TotalSeconds:F1} s");
        var model = FellegiSunterModel.Train(records, candidates, vectors);
        log?.WriteLine($"model trained: {clock.Elapsed.TotalSeconds:F1} s");
        var scored = Score(records, candidates, vectors, model);
        log?.WriteLine($"scored: {clock.Elapsed.TotalSeconds:F1} s");
        var (groups, review) = Clustering.Group(records, scored);
        log?.WriteLine($"grouped: {clock.Elapsed.TotalSeconds:F1} s");
        return new LinkageResult(model, records, scored, groups, review);
    }

    /// <summary>
    /// Two sets that are each free of duplicates (FEBRL 4a and 4b): each record links to at most one record of the other
    /// set, the most probable first.
    /// </summary>
    public static LinkageResult LinkOneToOne(IReadOnlyList<LinkageRecord> left, IReadOnlyList<LinkageRecord> right)
    {
        var records = StandardRecord.OfAll([.. left, .. right]);
        int Side(int i) => i < left.Count ? 0 : 1;
        var candidates = Blocking.CandidatePairs(records, Side);
        var vectors = FellegiSunterModel.Compare(records, candidates);
        var model = FellegiSunterModel.Train(records, candidates, vectors, Side);
        var scored = Score(records, candidates, vectors, model);
        var taken = new bool[records.Length];
        var clustering = new Clustering(records);
        var review = new List<ScoredPair>();
        foreach (var pair in scored.OrderByDescending(p => p.Probability).ThenBy(p => p.A).ThenBy(p => p.B))
        {
            if (pair.Outcome == PairOutcome.Review) review.Add(pair);
            if (pair.Outcome != PairOutcome.Link || taken[pair.A] || taken[pair.B]) continue;
            if (!clustering.TryUnion(pair.A, pair.B))
            {
                review.Add(pair with { Outcome = PairOutcome.Review });
                continue;
            }
            taken[pair.A] = taken[pair.B] = true;
        }
        return new LinkageResult(model, records, scored, [.. Enumerable.Range(0, records.Length).Select(clustering.Find)], review);
    }

    public static List<ScoredPair> Score(IReadOnlyList<StandardRecord> records, IReadOnlyList<(int A, int B)> candidates, ComparisonVector[] vectors,
        FellegiSunterModel model)
    {
        // Pairs are scored from their vectors and the first record's name weights (read in order): the second record of
        // a pair, somewhere in a large heap, is never fetched again.
        var names = new NameWeights[records.Count];
        Parallel.For(0, records.Count, i => names[i] = model.NameWeightsOf(records[i]));
        var scored = new List<ScoredPair>(candidates.Count);
        CollectionsMarshal.SetCount(scored, candidates.Count);
        Parallel.For(0, candidates.Count, i =>
        {
            var (a, b) = candidates[i];
            var vector = vectors[i];
            var probability = PairDecision.Probability(model, vector, names[a]);
            CollectionsMarshal.AsSpan(scored)[i] = new ScoredPair(a, b, probability, PairDecision.Classify(model, vector, probability), vector);
        });
        return scored;
    }
}
