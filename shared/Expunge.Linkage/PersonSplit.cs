namespace Expunge.Linkage;

/// <summary>
/// An operator says two records of one person are different people. The person's records are grouped again from
/// their own links, never joining the two named records (as if their CII numbers differed); the group holding more
/// records keeps the person's id, each other group becomes a new person.
/// </summary>
public static class PersonSplit
{
    public static IReadOnlyList<IReadOnlyList<StandardRecord>> Split(IReadOnlyList<StandardRecord> records, StandardRecord apartA, StandardRecord apartB, FellegiSunterModel model)
    {
        var pairs = new List<ScoredPair>();
        for (var a = 0; a < records.Count; a++)
        {
            for (var b = a + 1; b < records.Count; b++)
            {
                var vector = Comparison.Compare(records[a], records[b]);
                var probability = PairDecision.Probability(model, records[a], vector);
                pairs.Add(new ScoredPair(a, b, probability, PairDecision.Classify(model, vector, probability), vector));
            }
        }
        var keepApart = (records.ToList().FindIndex(r => ReferenceEquals(r, apartA)), records.ToList().FindIndex(r => ReferenceEquals(r, apartB)));
        var (groupOf, _) = Clustering.Group(records, pairs, keepApart);
        return [.. Enumerable.Range(0, records.Count).GroupBy(i => groupOf[i])
            .Select(g => (IReadOnlyList<StandardRecord>)[.. g.Select(i => records[i])])
            .OrderByDescending(g => g.Count)];
    }
}
