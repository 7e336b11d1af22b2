using System.Globalization;

namespace Expunge.EligibilityRules;

/// <summary>
/// What a filing asks the court to do with a conviction a determination grants relief for (H&amp;S 11361.8): dismiss
/// and seal it, or redesignate it one level down; a person still serving the sentence is resentenced (the court
/// recalls the sentence first, 11361.8(a)–(b)). Other determinations ask for nothing.
/// </summary>
public static class Reliefs
{
    public const string DismissAndSeal = "Dismiss and seal";
    public const string ReduceToMisdemeanor = "Reduce to misdemeanor";
    public const string ReduceToInfraction = "Reduce to infraction";
    public const string RecallAndResentence = "Recall and resentence";

    public static string Of(Decision d)
    {
        if (d.Determination is not (Determinations.EligibleForDismissal or Determinations.EligibleForReduction)) return "";
        if (SentenceRunning(d)) return RecallAndResentence;
        if (d.Determination == Determinations.EligibleForDismissal) return DismissAndSeal;
        return d.Conviction.IsFelony ? ReduceToMisdemeanor : ReduceToInfraction;
    }

    /// <summary>An operator's determination: the relief it grants for a conviction of that level.</summary>
    public static string ForDetermination(string determination, bool felony) => determination switch
    {
        Determinations.EligibleForDismissal => DismissAndSeal,
        Determinations.EligibleForReduction => felony ? ReduceToMisdemeanor : ReduceToInfraction,
        _ => "",
    };

    /// <summary>A sentence known to end after the as-of date. One of unknown length is not taken as running here:
    /// the decision itself already weighed that (the flows send a possibly running sentence to hand review).</summary>
    public static bool SentenceRunning(Decision d) =>
        d.Conviction.Date is { } date && !d.Conviction.Sentence.Unknown && d.Conviction.Sentence.EndFrom(date.Latest) > d.Policy.AsOf;

    /// <summary>The statute and, under a county policy, the policy, its version and the rule that fired.</summary>
    public static string LegalBasis(Decision d) => d.Policy.Name == StatutePolicy.PolicyName
        ? $"H&S 11361.8; {d.Reason}"
        : $"H&S 11361.8, 11361.9; {d.Policy.Name} policy v{d.Policy.Version.ToString(CultureInfo.InvariantCulture)}: {d.Reason}";
}
