using Expunge.Doj;

namespace Expunge.EligibilityRules;

/// <summary>People whose record would change: who would no longer have a felony, any conviction, or any conviction
/// in the 7 years before as-of.</summary>
public sealed record Impact(int NoFelonyLeft, int NoConvictionLeft, int NoConvictionInLast7YearsLeft);

/// <summary>
/// The impact numbers of a policy and of the "dismiss all Prop 64" what-if, counted person by person. A dismissal
/// removes the conviction; a reduction leaves it but no longer as a felony; every other determination leaves it as is.
/// </summary>
public sealed class ImpactSummary(Policy policy)
{
    private readonly DateOnly _sevenYearsBefore = DateRange.SafeAddYears(policy.AsOf, -7);
    private int _policyNoFelony, _policyNoConviction, _policyNoRecent;
    private int _allNoFelony, _allNoConviction, _allNoRecent;

    public void Add(RapSheet sheet, IReadOnlyList<Decision> decisions)
    {
        if (sheet.Convictions.Count == 0) return;
        var byCount = decisions.ToDictionary<Decision, Conviction, string>(d => d.Conviction, d => d.Determination, ReferenceEqualityComparer.Instance);
        Count(sheet, c => byCount.TryGetValue(c, out var det) ? det : null, ref _policyNoFelony, ref _policyNoConviction, ref _policyNoRecent);
        Count(sheet, c => c.IsProp64 && c.County == policy.County ? Determinations.EligibleForDismissal : null,
            ref _allNoFelony, ref _allNoConviction, ref _allNoRecent);
    }

    public Impact Policy => new(_policyNoFelony, _policyNoConviction, _policyNoRecent);

    public Impact DismissAllProp64 => new(_allNoFelony, _allNoConviction, _allNoRecent);

    private void Count(RapSheet sheet, Func<Conviction, string?> determinationOf, ref int noFelony, ref int noConviction, ref int noRecent)
    {
        var remaining = sheet.Convictions.Where(c => determinationOf(c) != Determinations.EligibleForDismissal).ToList();
        var felonyBefore = sheet.Convictions.Any(c => c.IsFelony);
        var felonyAfter = remaining.Any(c => c.IsFelony && determinationOf(c) != Determinations.EligibleForReduction);
        if (felonyBefore && !felonyAfter) noFelony++;
        if (remaining.Count == 0) noConviction++;
        if (sheet.Convictions.Any(Recent) && !remaining.Any(Recent)) noRecent++;
    }

    /// <summary>Possibly within the 7 years before as-of (a partial date counts if any of its days does).</summary>
    private bool Recent(Conviction c) => DateRange.Of(c.Date).Hi > _sevenYearsBefore;
}
