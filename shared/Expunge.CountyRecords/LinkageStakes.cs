using Expunge.Contracts;
using Expunge.EligibilityRules;

namespace Expunge.CountyRecords;

/// <summary>
/// What answering a linkage question ("are these two people one?") can change: <see cref="Shared"/> convictions both
/// people report (kept apart, each would be decided twice), and <see cref="Changed"/> convictions in scope whose
/// determination differs between deciding the two apart and together (another's priors, age, a registration);
/// <see cref="Eligible"/> of those are eligible in one reading, the relief actually at stake.
/// <see cref="SharedReportsOfA"/> and <see cref="SharedReportsOfB"/> are each person's reports of the shared
/// convictions: until the question is answered, one person's are decided with the other's (<see cref="Deferring"/>).
/// </summary>
public sealed record LinkageStake(int Shared, int Changed, int Eligible, IReadOnlyList<ConvictionReport> SharedReportsOfA,
    IReadOnlyList<ConvictionReport> SharedReportsOfB)
{
    /// <summary>The reports that wait while the question is open: the later person's (by the order of their ids, the
    /// same whichever way round a question names them), so that of any chain of such questions the earliest person
    /// decides the conviction, once.</summary>
    public IReadOnlyList<ConvictionReport> Deferring(bool aIsEarlier) => aIsEarlier ? SharedReportsOfB : SharedReportsOfA;

    /// <summary>Asked when keeping the two apart, as the model does below its link threshold, would decide at least
    /// this many convictions wrongly, in expectation.</summary>
    public const double AskFrom = 0.5;

    /// <summary>A question worth a person's time: a conviction both report (kept apart, it is decided twice), or a
    /// determination the answer changes, weighed by how likely the model thinks the two are one person (relief in
    /// full, another change of determination at half): a question about two people who are most likely two, whose
    /// answer could change one conviction, is settled by the model and shown as such.</summary>
    public bool Matters(double probability) =>
        Shared > 0 || probability * (Eligible + ((Changed - Eligible) / 2.0)) >= AskFrom;

    /// <summary>Questions are asked most at stake first: double counts, then relief, then any changed determination.</summary>
    public int Rank => (Shared * 1_000_000) + (Eligible * 1_000) + Changed;
}

public static class LinkageStakes
{
    /// <param name="policy">The run's policy; without one, a conviction in scope counts as changed whenever the other
    /// person has any history that could bear on it (a conviction, a registration, a death).</param>
    /// <param name="homeCounty">The county whose convictions are decided; null for any county (no policy names one).</param>
    public static LinkageStake Of(PersonSources a, PersonSources b, Policy? policy, string? homeCounty)
    {
        var county = homeCounty ?? "";
        var (apart, together) = ((a.Merge(county), b.Merge(county)), a.With(b).Merge(county));
        // Shared: a conviction of B that one of A's convictions is (SameConviction).
        var inScopeA = apart.Item1.Convictions.Where(c => c.DecidedIn(homeCounty)).Select(c => (Conviction: c, Reports: ReportsOf(c, a))).ToList();
        var inScopeB = apart.Item2.Convictions.Where(c => c.DecidedIn(homeCounty)).Select(c => (Conviction: c, Reports: ReportsOf(c, b))).ToList();
        var fingerprintsApart = a.FingerprintsApart(b);
        var sharedOfB = inScopeB.Where(y => inScopeA.Any(x => SameConviction(x.Reports, y.Reports, fingerprintsApart))).ToList();
        var sharedOfA = inScopeA.Where(x => sharedOfB.Any(y => SameConviction(x.Reports, y.Reports, fingerprintsApart))).Select(x => x.Conviction).ToList();
        var shared = sharedOfB.Count;
        static IReadOnlyList<ConvictionReport> Sources(IEnumerable<MergedConviction> convictions) => [.. convictions.SelectMany(c => c.Sources)
            .Select(s => new ConvictionReport { Source = s.Source, SourceRecordId = s.SourceRecordId, Reference = s.Reference })];
        var (ofA, ofB) = (Sources(sharedOfA), Sources(sharedOfB.Select(y => y.Conviction)));
        if (policy is null)
        {
            static bool HasHistory(MergedRecord r) => r.Sheet.Convictions.Count > 0 || r.Sheet.Registrations.Count > 0 || r.Sheet.Deceased;
            var changed = (HasHistory(apart.Item2) ? inScopeA.Count : 0) + (HasHistory(apart.Item1) ? inScopeB.Count : 0);
            return new LinkageStake(shared, changed, changed, ofA, ofB);
        }
        // Each conviction's determination apart, by every report of it; then together.
        var separate = new Dictionary<(string, string, string), Decision>();
        foreach (var record in (MergedRecord[])[apart.Item1, apart.Item2])
        {
            foreach (var decision in EligibilityEngine.Decide(record.Sheet, policy))
            {
                foreach (var s in record.Of(decision.Conviction).Sources) separate[(s.Source, s.SourceRecordId, s.Reference)] = decision;
            }
        }
        int changedTogether = 0, eligible = 0;
        foreach (var decision in EligibilityEngine.Decide(together.Sheet, policy))
        {
            var before = together.Of(decision.Conviction).Sources.Select(s => separate.GetValueOrDefault((s.Source, s.SourceRecordId, s.Reference)))
                .OfType<Decision>().Distinct().ToList();
            if (before.Count == 1 && before[0].Determination == decision.Determination && before[0].ReasonCode == decision.ReasonCode) continue;
            changedTogether++;
            if (IsRelief(decision) || before.Any(IsRelief)) eligible++;
        }
        return new LinkageStake(shared, changedTogether, eligible, ofA, ofB);
    }

    /// <summary>What one source says of a conviction: its case numbers, count number, offense and date.</summary>
    private sealed record Report(IReadOnlyList<Linkage.CaseKey> Cases, int Count, string Section, Doj.DojDate? Date);

    private static List<Report> ReportsOf(MergedConviction conviction, PersonSources sources)
    {
        var reports = new List<Report>();
        foreach (var s in conviction.Sources)
        {
            if (s.Source == SourceIdentities.Doj)
            {
                if (sources.Sheets.FirstOrDefault(x => x.SubjectId == s.SourceRecordId)?.Convictions.FirstOrDefault(c => c.CntOrder == s.Reference) is { } c)
                {
                    var count = c.CntOrder.Length >= 9 && int.TryParse(c.CntOrder.AsSpan(6, 3), out var n) ? n : 0;
                    reports.Add(new Report(Linkage.CaseKey.ParseAll(c.CaseNumber), count, c.Offense?.Section ?? "", c.Date));
                }
            }
            else if (sources.Counts.FirstOrDefault(x => x.Source == s.Source && x.RowId == s.Reference) is { } row)
            {
                reports.Add(new Report(Linkage.CaseKey.ParseAll(row.CaseNumber), row.CountNumber,
                    row.Charge.Offenses.Count > 0 ? row.Charge.Offenses[0].Section : "", row.DispositionDate));
            }
        }
        return reports;
    }

    /// <summary>
    /// Two people's reports name one conviction (asked only of two people the model already thinks may be one), in one
    /// of two ways (<see cref="OneNumberedCase"/>, <see cref="OneUnnumberedCharge"/>). Never two co-defendants: a suffix
    /// that disagrees anywhere between the two people's numbers says two defendants of one case.
    /// </summary>
    private static bool SameConviction(List<Report> a, List<Report> b, bool fingerprintsApart)
    {
        var cases = a.SelectMany(x => x.Cases).ToList();
        var otherCases = b.SelectMany(x => x.Cases).ToList();
        if (cases.Any(x => otherCases.Any(y => x.Compare(y) == Linkage.CaseAgreement.CoDefendants))) return false;
        return a.Any(x => b.Any(y => OneNumberedCase(x, y) || (!fingerprintsApart && OneUnnumberedCharge(x, y))));
    }

    /// <summary>One case (a suffix one side dropped still names it: DOJ and the DA drop it), the same count or offense,
    /// dates within a week.</summary>
    private static bool OneNumberedCase(Report x, Report y) =>
        SameCharge(x, y) && DaysApart(x, y) <= 7
        && x.Cases.Any(k => y.Cases.Any(l => k.Compare(l) is Linkage.CaseAgreement.Same or Linkage.CaseAgreement.SameCase));

    /// <summary>Where no two court case numbers differ (a DA row that never named the court's, a DOJ cycle filed under
    /// its booking number): the same offense within <see cref="UnnumberedDays"/>. Asked only where the two people's
    /// fingerprints do not say two people: a common offense on nearby days is no tie between two CII numbers.</summary>
    private static bool OneUnnumberedCharge(Report x, Report y) =>
        x.Section.Length > 0 && x.Section == y.Section && DaysApart(x, y) <= UnnumberedDays && !CourtNumbersDisagree(x, y);

    /// <summary>Whether the two reports carry two different court case numbers (each with its court prefix). A number
    /// without one (a booking number where DOJ's OFN should be, a stripped OFN) names no court case, so it does not say
    /// two convictions.</summary>
    private static bool CourtNumbersDisagree(Report x, Report y) =>
        x.Cases.Any(k => k.Prefix.Length > 0 && y.Cases.Any(l => l.Prefix.Length > 0))
        && !x.Cases.Any(k => y.Cases.Any(l => k.Compare(l) != Linkage.CaseAgreement.None));

    /// <summary>How far apart two reports without a case number in common may date one conviction: a DA's disposition
    /// date and the court's differ by a day or two at most.</summary>
    private const int UnnumberedDays = 3;

    private static bool SameCharge(Report x, Report y) => (x.Count > 0 && x.Count == y.Count) || (x.Section.Length > 0 && x.Section == y.Section);

    /// <summary>Days between two reports' dates, when both name a day (a partial date could be any of a month's); null,
    /// which is within no number of days, otherwise.</summary>
    private static int? DaysApart(Report x, Report y) =>
        x.Date is { IsPartial: false } d && y.Date is { IsPartial: false } e ? Math.Abs(d.Earliest.DayNumber - e.Earliest.DayNumber) : null;

    private static bool IsRelief(Decision d) => d.Determination is Determinations.EligibleForDismissal or Determinations.EligibleForReduction;

}
