namespace Expunge.Linkage;

public enum PairOutcome { NonLink, Review, Link }

/// <summary>A compared pair (indexes into the records compared) and what the model concluded.</summary>
public readonly record struct ScoredPair(int A, int B, double Probability, PairOutcome Outcome, ComparisonVector Vector);

/// <summary>
/// The three outcomes of a pair. The thresholds are fixed here, chosen for the domain and never fitted to labelled
/// data: linking two different people can cost someone their relief (another's conviction counts as their prior), so a
/// pair links only when the model is nine-to-one sure; from one-in-ten up to that, a person looks at it.
/// </summary>
public static class PairDecision
{
    public const double LinkThreshold = 0.9;
    public const double ReviewThreshold = 0.1;

    public static PairOutcome Classify(ComparisonVector vector, double probability)
    {
        if (vector.SameStrongId) return PairOutcome.Link;
        // Two different CII numbers are two people as far as DOJ's fingerprints know, and two defendants of one case
        // are two people as far as the court knows: when the model agrees, or is unsure, they stay two; only when the
        // model is sure they are one does a person decide (never the model alone).
        if (vector.IdentifiersConflict) return probability >= LinkThreshold ? PairOutcome.Review : PairOutcome.NonLink;
        return probability >= LinkThreshold ? PairOutcome.Link : probability >= ReviewThreshold ? PairOutcome.Review : PairOutcome.NonLink;
    }

    public static bool StrongIdsConflict(string a, string b) => a.Length > 0 && b.Length > 0 && a != b;

    /// <summary>The probability that a pair is one person: the model's, except that a strong-id match links whatever the
    /// model says and is reported as certain.</summary>
    public static double Probability(FellegiSunterModel model, StandardRecord a, ComparisonVector vector) =>
        Probability(model, vector, model.NameWeightsOf(a));

    /// <param name="names">The term-frequency weights of the first record's names (<see cref="FellegiSunterModel.NameWeightsOf"/>).</param>
    public static double Probability(FellegiSunterModel model, ComparisonVector vector, NameWeights names) =>
        vector.SameStrongId ? 1.0 : FellegiSunterModel.ToProbability(model.MatchWeight(vector, names));
}
