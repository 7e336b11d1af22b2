using Expunge.Doj;

namespace Expunge.EligibilityRules;

/// <summary>
/// Decides every in-scope conviction of a rap sheet — H&amp;S 11357–11360 (attempts included) in the policy's county —
/// under the policy. Each flow's steps run in order and the first that fires decides; a step whose test holds for
/// only part of a partly known date range decides Hand Review / UNKNOWN_DATE (eligibility.md, "Unknown dates").
/// </summary>
public static class EligibilityEngine
{
    /// <summary>The day Prop 64 passed: convictions on or after it are not Prop 64 relief cases.</summary>
    public static readonly DateOnly Prop64PassedOn = new(2016, 11, 9);

    public static IReadOnlyList<Decision> Decide(RapSheet sheet, Policy policy)
    {
        var inScope = sheet.Convictions.Where(c => c.IsProp64 && c.County == policy.County).ToList();
        if (inScope.Count == 0) return [];
        var record = new RecordFacts(sheet);
        return [.. inScope.Select(c => DecideOne(record, record.Convictions.First(d => ReferenceEquals(d.Conviction, c)), policy))];
    }

    /// <summary>True when the rap sheet has a conviction the policy would decide (cheap: no facts are worked out).</summary>
    public static bool HasConvictionInScope(RapSheet sheet, string county) => sheet.Convictions.Any(c => c.IsProp64 && c.County == county);

    private static Decision DecideOne(RecordFacts record, DatedConviction conviction, Policy policy)
    {
        var check = new Checks(record, conviction, policy.AsOf);
        var outcome = policy switch
        {
            La2020Policy la => La2020(check, la),
            ConfigurablePolicy configurable => Configurable(check, configurable),
            StatutePolicy => Statute(check),
            _ => throw new ArgumentOutOfRangeException(nameof(policy), policy.Name, "unknown policy"),
        };
        return new Decision(record.Sheet, conviction.Conviction, check.Offense, outcome.Determination, outcome.Code,
            Reasons.Label(outcome.Code, outcome.N, outcome.Section), policy, check.Facts(policy is StatutePolicy ? StatuteAssumptions(check) : []));
    }

    private sealed record Outcome(string Determination, string Code, int? N = null, string? Section = null);

    private static readonly Outcome UnknownDate = new(Determinations.HandReview, Reasons.UnknownDate);

    /// <summary>Runs the steps in order: the first that fires, or the first that cannot be settled, decides.</summary>
    private static Outcome Flow(params (Func<Truth> Test, Outcome Then)[] steps)
    {
        foreach (var (test, then) in steps)
        {
            switch (test())
            {
                case Truth.Yes: return then;
                case Truth.Unknown: return UnknownDate;
            }
        }
        throw new InvalidOperationException("A flow must end in a step that always fires.");
    }

    private static Truth Always() => Truth.Yes;

    private static Outcome La2020(Checks c, La2020Policy p) => Flow(
        (() => TruthLogic.Of(!c.IsFelony), new(Determinations.CityAttorneys, Reasons.MisdemeanorCityAttorney)),
        (c.OnOrAfterProp64, new(Determinations.NotEligible, Reasons.AfterProp64)),
        (() => TruthLogic.Of(c.Offense.Section == "11357" && c.Subsection11357 is "a" or "b"), new(Determinations.EligibleForDismissal, Reasons.Subsection11357AB)),
        (() => TruthLogic.Of(c.Offense.Section == "11357"), new(Determinations.HandReview, Reasons.Other11357)),
        (c.PriorSuperstrike, new(Determinations.NotEligible, Reasons.Superstrike)),
        (c.Pc290OnOrBefore, new(Determinations.NotEligible, Reasons.Pc290)),
        (c.RegistrationAfter, new(Determinations.HandReview, Reasons.Pc290RegistrationAfter)),
        (c.TwoPriorsOfSection, new(Determinations.NotEligible, Reasons.TwoPriors)),
        (() => c.AgeOnAsOfAtLeast(p.AgeThreshold), new(Determinations.EligibleForDismissal, Reasons.AgeThreshold, p.AgeThreshold)),
        (c.UnderTwentyOneAtConviction, new(Determinations.EligibleForDismissal, Reasons.Youth)),
        (() => TruthLogic.Of(c.AllProp64).And(c.AnySentenceRunning().Not()), new(Determinations.EligibleForDismissal, Reasons.OnlyProp64Completed)),
        (() => c.NoConvictionAfter(p.ConvictionFreeYears), new(Determinations.EligibleForDismissal, Reasons.ConvictionFree, p.ConvictionFreeYears)),
        (c.AnySentenceRunning, new(Determinations.HandReview, Reasons.ServingSentence)),
        (() => TruthLogic.Of(c.Deceased), new(Determinations.EligibleForDismissal, Reasons.Deceased)),
        (Always, new(Determinations.HandReview, Reasons.NoCriteria)));

    private static Outcome Configurable(Checks c, ConfigurablePolicy p)
    {
        var r = p.Relief;
        var dismissKey = c.MatchingSectionKey(p.Dismiss);
        var reduceKey = c.MatchingSectionKey(p.Reduce);
        return Flow(
            (() => TruthLogic.Of(!c.IsFelony), new(Determinations.EligibleForDismissal, Reasons.Misdemeanor)),
            (() => TruthLogic.Of(dismissKey is not null), new(Determinations.EligibleForDismissal, Reasons.DismissSection, Section: dismissKey)),
            (() => r.Under21AtConviction ? c.UnderTwentyOneAtConviction() : Truth.No, new(Determinations.EligibleForDismissal, Reasons.Youth)),
            (() => r.AgeThreshold > 0 ? c.AgeOnAsOfAtLeast(r.AgeThreshold) : Truth.No, new(Determinations.EligibleForDismissal, Reasons.AgeThreshold, r.AgeThreshold)),
            (() => r.YearsSinceConviction > 0 ? c.ConvictedAtLeastYearsAgo(r.YearsSinceConviction) : Truth.No,
                new(Determinations.EligibleForDismissal, Reasons.YearsSinceConviction, r.YearsSinceConviction)),
            (() => r.YearsCrimeFree > 0 ? c.AllConvictionsBefore(r.YearsCrimeFree) : Truth.No,
                new(Determinations.EligibleForDismissal, Reasons.ConvictionFree, r.YearsCrimeFree)),
            (() => TruthLogic.Of(r.OnlyProp64Charges && c.AllProp64), new(Determinations.EligibleForDismissal, Reasons.OnlyProp64)),
            (() => TruthLogic.Of(r.Deceased && c.Deceased), new(Determinations.EligibleForDismissal, Reasons.Deceased)),
            (() => TruthLogic.Of(reduceKey is not null), new(Determinations.EligibleForReduction, Reasons.ReduceSection, Section: reduceKey)),
            (Always, new(Determinations.HandReview, Reasons.SectionNotConfigured)));
    }

    /// <summary>
    /// 11361.8 alone: convictions from before Prop 64 passed; now-lawful misdemeanor conduct is dismissed, felonies are
    /// reduced unless the record shows a statutory aggravator; a running sentence goes to the resentencing track.
    /// </summary>
    private static Outcome Statute(Checks c) => Flow(
        (c.OnOrAfterProp64, new(Determinations.NotEligible, Reasons.AfterProp64)),
        (() => TruthLogic.Of(!c.IsFelony), new(Determinations.EligibleForDismissal, Reasons.Misdemeanor)),
        (c.PriorSuperstrike, new(Determinations.NotEligible, Reasons.Superstrike)),
        (c.Pc290OnOrBefore, new(Determinations.NotEligible, Reasons.Pc290)),
        (c.RegistrationAfter, new(Determinations.HandReview, Reasons.Pc290RegistrationAfter)),
        (c.TwoPriorsOfSection, new(Determinations.NotEligible, Reasons.TwoPriors)),
        (c.AnySentenceRunning, new(Determinations.HandReview, Reasons.ServingSentence)),
        (Always, new(Determinations.EligibleForReduction, Reasons.ReduceSection, Section: c.Offense.Section)));

    private static List<string> StatuteAssumptions(Checks c)
    {
        var assumptions = new List<string>
        {
            "amounts, plant counts and places are not on the record: assumed within what the law now allows or punishes as a misdemeanor",
            "no sale or furnishing to a minor (H&S 11361) is shown on the record",
        };
        if (c.Offense.Section == "11357" && c.Subsection11357 == "a")
        {
            assumptions.Add("11357(a) before 2016 was possession of concentrated cannabis: read under the law of its offense date");
        }
        return assumptions;
    }
}
