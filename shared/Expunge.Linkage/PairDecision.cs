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

    /// <summary>The outcome under a model: as <see cref="Classify(ComparisonVector, double, bool)"/>, the twins' pattern a
    /// conflict where the model's data say so.</summary>
    public static PairOutcome Classify(FellegiSunterModel model, ComparisonVector vector, double probability) =>
        Classify(vector, probability, model.RelativesApart);

    public static PairOutcome Classify(ComparisonVector vector, double probability, bool relativesApart = true)
    {
        if (vector.SameStrongId) return PairOutcome.Link;
        // Two different CII numbers are two people as far as DOJ's fingerprints know, and two defendants of one case
        // are two people as far as the court knows (twins, where the data say so): when the model agrees, or is unsure,
        // they stay two; only when the model is sure they are one does a person decide (never the model alone).
        if (SayTwoPeople(vector, relativesApart)) return probability >= LinkThreshold ? PairOutcome.Review : PairOutcome.NonLink;
        return probability >= LinkThreshold ? PairOutcome.Link : probability >= ReviewThreshold ? PairOutcome.Review : PairOutcome.NonLink;
    }

    /// <summary>Whether something beyond the score says the pair is two people: an identifier, or the twins' pattern
    /// where the model's data say it means twins (<see cref="FellegiSunterModel.RelativesApart"/>).</summary>
    public static bool SayTwoPeople(FellegiSunterModel model, ComparisonVector vector) => SayTwoPeople(vector, model.RelativesApart);

    private static bool SayTwoPeople(ComparisonVector vector, bool relativesApart) => vector.IdentifiersConflict || (relativesApart && vector.Relatives);

    /// <summary>Two CII numbers that name two people: both present, more than one character apart (one character is a
    /// typo of one number).</summary>
    public static bool StrongIdsConflict(string a, string b) => a.Length > 0 && b.Length > 0 && a != b && Similarity.EditDistance(a, b, 1) > 1;

    /// <summary>The probability that a pair is one person: the model's, except that a strong-id match links whatever the
    /// model says and is reported as certain.</summary>
    public static double Probability(FellegiSunterModel model, StandardRecord a, ComparisonVector vector) =>
        Probability(model, vector, model.NameWeightsOf(a));

    /// <summary>
    /// The probability a linkage question is weighed by (how much a wrong answer from the model would cost): as
    /// <see cref="Probability(FellegiSunterModel, ComparisonVector, NameWeights)"/>, except that two records of one case
    /// are weighed by who they say they are, without the case and its charges. Defendants of one case share its number
    /// (DOJ and the DA drop the suffix that tells them apart) and its charges on its day, so those agreements, which make
    /// a father and son or twins charged together look certain, say nothing about which defendant a record is. A
    /// conviction both records report is at stake whatever this says (<c>LinkageStakes</c>).
    /// </summary>
    public static double QuestionProbability(FellegiSunterModel model, StandardRecord a, ComparisonVector vector) =>
        Probability(model, a, vector[Field.CaseNumber] is 0 or 1 ? vector.WithoutCase : vector);

    /// <param name="names">The term-frequency weights of the first record's names (<see cref="FellegiSunterModel.NameWeightsOf"/>).</param>
    public static double Probability(FellegiSunterModel model, ComparisonVector vector, NameWeights names) =>
        vector.SameStrongId ? 1.0 : FellegiSunterModel.ToProbability(model.MatchWeight(vector, names));
}
