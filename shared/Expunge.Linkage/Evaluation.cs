namespace Expunge.Linkage;

/// <summary>Pairwise precision, recall and F1 of predicted links against the true pairs (unordered id pairs).</summary>
public sealed record LinkageScore(long TruePairs, long PredictedPairs, long Correct)
{
    public double Precision => PredictedPairs == 0 ? 1 : (double)Correct / PredictedPairs;
    public double Recall => TruePairs == 0 ? 1 : (double)Correct / TruePairs;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static LinkageScore Of(IEnumerable<(string A, string B)> predicted, IEnumerable<(string A, string B)> truth)
    {
        var truePairs = truth.Select(Ordered).ToHashSet();
        var predictedPairs = predicted.Select(Ordered).ToHashSet();
        return new LinkageScore(truePairs.Count, predictedPairs.Count, predictedPairs.Count(truePairs.Contains));
    }

    /// <summary>Share of true pairs that blocking proposed for comparison (pair completeness).</summary>
    public static double Completeness(IEnumerable<(string A, string B)> candidates, IEnumerable<(string A, string B)> truth)
    {
        var candidateSet = candidates.Select(Ordered).ToHashSet();
        var truePairs = truth.Select(Ordered).ToList();
        return truePairs.Count == 0 ? 1 : (double)truePairs.Count(candidateSet.Contains) / truePairs.Count;
    }

    /// <summary>Every unordered pair of the items (a group of s gives s(s-1)/2).</summary>
    public static IEnumerable<(T, T)> PairsWithin<T>(IReadOnlyList<T> items)
    {
        for (var x = 0; x < items.Count; x++)
        {
            for (var y = x + 1; y < items.Count; y++) yield return (items[x], items[y]);
        }
    }

    private static (string, string) Ordered((string A, string B) pair) =>
        string.CompareOrdinal(pair.A, pair.B) <= 0 ? (pair.A, pair.B) : (pair.B, pair.A);

    public override string ToString() =>
        $"precision {Precision:F4}, recall {Recall:F4}, F1 {F1:F4} ({Correct:N0} of {PredictedPairs:N0} linked pairs true; {TruePairs:N0} true pairs)";
}
