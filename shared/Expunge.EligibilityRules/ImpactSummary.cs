using Expunge.Doj;

namespace Expunge.EligibilityRules;

/// <summary>People whose record would change: who would no longer have a felony, any conviction, or any conviction
/// in the 7 years before as-of.</summary>
public sealed record Impact(int NoFelonyLeft, int NoConvictionLeft, int NoConvictionInLast7YearsLeft);

/// <summary>How one person's record would change, under the policy and under "dismiss all Prop 64".</summary>
public sealed record PersonImpact(bool PolicyNoFelonyLeft, bool PolicyNoConvictionLeft, bool PolicyNoRecentLeft,
    bool AllNoFelonyLeft, bool AllNoConvictionLeft, bool AllNoRecentLeft);

/// <summary>
/// The impact numbers of a policy and of the "dismiss all Prop 64" what-if, counted person by person. A dismissal
/// removes the conviction; a reduction leaves it but no longer as a felony; every other determination leaves it as is.
/// </summary>
public sealed class ImpactSummary
{
    private int _policyNoFelony, _policyNoConviction, _policyNoRecent;
    private int _allNoFelony, _allNoConviction, _allNoRecent;

    public void Add(PersonImpact person)
    {
        _policyNoFelony += person.PolicyNoFelonyLeft ? 1 : 0;
        _policyNoConviction += person.PolicyNoConvictionLeft ? 1 : 0;
        _policyNoRecent += person.PolicyNoRecentLeft ? 1 : 0;
        _allNoFelony += person.AllNoFelonyLeft ? 1 : 0;
        _allNoConviction += person.AllNoConvictionLeft ? 1 : 0;
        _allNoRecent += person.AllNoRecentLeft ? 1 : 0;
    }

    public Impact Policy => new(_policyNoFelony, _policyNoConviction, _policyNoRecent);

    public Impact DismissAllProp64 => new(_allNoFelony, _allNoConviction, _allNoRecent);

    public static PersonImpact Of(RapSheet sheet, IReadOnlyList<Decision> decisions, Policy policy)
    {
        var byCount = decisions.ToDictionary<Decision, Conviction, string>(d => d.Conviction, d => d.Determination, ReferenceEqualityComparer.Instance);
        var sevenYearsBefore = DateRange.SafeAddYears(policy.AsOf, -7);
        var (policyFelony, policyAll, policyRecent) = Changes(sheet, c => byCount.TryGetValue(c, out var det) ? det : null, sevenYearsBefore);
        var (allFelony, allAll, allRecent) = Changes(sheet,
            c => c.IsProp64 && c.County == policy.County ? Determinations.EligibleForDismissal : null, sevenYearsBefore);
        return new PersonImpact(policyFelony, policyAll, policyRecent, allFelony, allAll, allRecent);
    }

    private static (bool NoFelony, bool NoConviction, bool NoRecent) Changes(RapSheet sheet, Func<Conviction, string?> determinationOf, DateOnly sevenYearsBefore)
    {
        if (sheet.Convictions.Count == 0) return (false, false, false);
        // Possibly within the 7 years before as-of (a partial date counts if any of its days does).
        bool Recent(Conviction c) => DateRange.Of(c.Date).Hi > sevenYearsBefore;
        var remaining = sheet.Convictions.Where(c => determinationOf(c) != Determinations.EligibleForDismissal).ToList();
        var felonyBefore = sheet.Convictions.Any(c => c.IsFelony);
        var felonyAfter = remaining.Any(c => c.IsFelony && determinationOf(c) != Determinations.EligibleForReduction);
        return (felonyBefore && !felonyAfter, remaining.Count == 0, sheet.Convictions.Any(Recent) && !remaining.Any(Recent));
    }
}
