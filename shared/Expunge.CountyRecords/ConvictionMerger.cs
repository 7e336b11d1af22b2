using Expunge.Contracts;
using Expunge.Doj;
using Expunge.Linkage;

namespace Expunge.CountyRecords;

/// <summary>One source's report of a conviction: <c>doj</c> subject and CNT_ORDER, or a county case and count.</summary>
public sealed record ConvictionSource(string Source, string SourceRecordId, string Reference);

/// <summary>
/// One conviction as the system counts it: the facts it is decided on, every source that reported it, and where the
/// sources disagree. <see cref="Key"/> identifies it across re-runs: the DOJ count when DOJ reported it, else the first
/// county source's case and count.
/// </summary>
public sealed record MergedConviction(Conviction Conviction, IReadOnlyList<ConvictionSource> Sources, IReadOnlyList<string> Conflicts, bool Dismissed)
{
    public ConvictionSource Key => Sources[0];

    /// <summary>Whether a policy for <paramref name="county"/> decides it (null: any county): a cannabis conviction of
    /// that county that the court did not dismiss.</summary>
    public bool DecidedIn(string? county) => !Dismissed && Conviction.IsProp64 && (county is null || Conviction.County == county);
    public string SourceNames => string.Join(";", Sources.Select(s => s.Source).Distinct());
}

/// <summary>A person's rap sheet built from every source, and the provenance of each conviction on it.</summary>
public sealed record MergedRecord(RapSheet Sheet, IReadOnlyList<MergedConviction> Convictions)
{
    public MergedConviction Of(Conviction conviction) => Convictions.First(c => ReferenceEquals(c.Conviction, conviction));

    /// <summary>The record without the convictions any of <paramref name="reports"/> names (a conviction DOJ and the
    /// court both reported goes when either report is named): a sealed conviction, or one decided with another person.</summary>
    public MergedRecord Without(IReadOnlyCollection<ConvictionReport> reports)
    {
        if (reports.Count == 0) return this;
        var keys = reports.Select(r => (r.Source, r.SourceRecordId, r.Reference)).ToHashSet();
        var gone = Convictions.Where(c => c.Sources.Any(s => keys.Contains((s.Source, s.SourceRecordId, s.Reference))))
            .Select(c => c.Conviction).ToHashSet(ReferenceEqualityComparer.Instance);
        if (gone.Count == 0) return this;
        return new MergedRecord(Sheet with { Convictions = [.. Sheet.Convictions.Where(c => !gone.Contains(c))] },
            [.. Convictions.Where(c => !gone.Contains(c.Conviction))]);
    }
}

/// <summary>
/// Counts each conviction once however many sources report it. A county count is the same conviction as one already
/// on the sheet when the case numbers agree (compared as <see cref="CaseKey"/>s: prefix, padding, separators and a
/// suffix one side dropped do not matter; the person is already one, so a co-defendant's suffix is not in question)
/// and the count numbers agree, or the offense agrees and the dates are within a month (sources number counts
/// differently). Where the case numbers do not tie them, the arrest can: DOJ's other numbers for the cycle (booking,
/// FE_NUM_CRT_CASE, an OFN holding the booking number) against the court row's booking number, with the offense agreeing
/// and the dates within a month (a booking number is not always one per arrest). Without either, a county conviction is
/// the DOJ one of the same offense within a week (three days when both name a case and the names differ: DOJ's OFN
/// may hold a booking number, or nothing a court would recognise). Among several candidates the count number and the
/// date break ties. The court is the record of what the court did: where it reports a conviction, its level, date and
/// disposition win; every disagreement is kept as a conflict.
/// </summary>
public static class ConvictionMerger
{
    private const int SameCaseDays = 31;
    private const int NoCaseDays = 7;
    private const int OtherCaseDays = 3;

    /// <param name="homeCounty">The county whose court and prosecutors produced the county sources.</param>
    public static MergedRecord Merge(IReadOnlyList<RapSheet> dojSheets, IReadOnlyList<CountyCount> countyCounts, string homeCounty,
        (string Name, string Cii, DojDate? DateOfBirth) countyIdentity = default)
    {
        var merged = new List<Builder>();
        foreach (var dojSheet in dojSheets)
        {
            foreach (var c in dojSheet.Convictions)
            {
                merged.Add(new Builder(c, new ConvictionSource("doj", dojSheet.SubjectId, c.CntOrder), DojCount(c)));
            }
        }
        // A county system may report a death or a PC 290 registration as an event: facts about the person, not counts.
        var deceased = countyCounts.Any(c => c.Kind == "death");
        var registrations = countyCounts.Where(c => c.Kind == "registration" && c.Charge.Offenses.Any(o => o.Section == "290"))
            .Select(c => new Registration(c.DispositionDate, CountyCharges.Normalise(c.Charge.CodeSection)));
        // Court before DA: the court's facts are the ones that stand. Within one source, the surest pairs are made first
        // (whatever order the rows came in), and a conviction takes one report per source, so two counts of one offense
        // in one case stay two convictions.
        var bySource = countyCounts.Where(c => c.Kind is not ("death" or "registration"))
            .GroupBy(c => c.Source).OrderBy(g => g.Key == "da" ? 1 : 0).ThenBy(g => g.Key, StringComparer.Ordinal);
        foreach (var source in bySource)
        {
            var pending = source.OrderBy(c => c.RowId, StringComparer.Ordinal).ToList();
            var taken = new bool[pending.Count];
            var pairs = pending.SelectMany((count, i) => merged.Select((builder, b) => (Count: i, Builder: b, Score: builder.Match(count))))
                .Where(p => p.Score > 0).OrderByDescending(p => p.Score).ThenBy(p => p.Count).ThenBy(p => p.Builder).ToList();
            foreach (var (i, b, _) in pairs)
            {
                // The builder may have taken another report of this source since the pair was scored.
                if (taken[i] || merged[b].Match(pending[i]) == 0) continue;
                merged[b].Add(pending[i]);
                taken[i] = true;
            }
            for (var i = 0; i < pending.Count; i++)
            {
                if (taken[i] || !pending[i].IsConviction) continue;
                // A count DOJ never had, of a case it did: the same case for the rules (its other counts are not priors).
                var sameCase = merged.FirstOrDefault(m => m.SameCase(pending[i]))?.Case;
                merged.Add(Builder.FromCounty(pending[i], homeCounty, sameCase));
            }
        }
        var convictions = merged.Select(b => b.Build()).ToList();
        var first = dojSheets.Count > 0 ? dojSheets[0] : null;
        var sheet = new RapSheet(
            first?.SubjectId ?? "",
            dojSheets.Select(s => s.CiiNumber).FirstOrDefault(c => c.Length > 0 && c != "NULL") ?? countyIdentity.Cii ?? "",
            first?.Name ?? countyIdentity.Name ?? "",
            first?.DateOfBirth ?? countyIdentity.DateOfBirth,
            deceased || dojSheets.Any(s => s.Deceased),
            [.. convictions.Where(c => !c.Dismissed).Select(c => c.Conviction)],
            [.. dojSheets.SelectMany(s => s.Registrations), .. registrations]);
        return new MergedRecord(sheet, convictions);
    }

    private static int DojCount(Conviction c) =>
        c.CntOrder.Length >= 9 && int.TryParse(c.CntOrder.AsSpan(6, 3), out var n) ? n : 0;

    private sealed class Builder(Conviction conviction, ConvictionSource source, int countNumber)
    {
        private Conviction _conviction = conviction;
        private readonly List<ConvictionSource> _sources = [source];
        private readonly List<string> _conflicts = [];
        private bool _dismissed;
        private bool _courtReported;

        // The conviction's case numbers, and the other numbers of its arrest (DOJ: the cycle's; a county row: its booking).
        private readonly IReadOnlyList<CaseKey> _caseKeys = CaseKey.ParseAll(conviction.CaseNumber);
        private readonly IReadOnlyList<CaseKey> _arrestKeys = [.. conviction.EventNumbers.Select(CaseKey.Parse).OfType<CaseKey>()];

        public string Case => _conviction.CaseKey;

        public bool SameCase(CountyCount count) => Agree(_caseKeys, CaseKeysOf(count));

        public static Builder FromCounty(CountyCount count, string homeCounty, string? caseKey)
        {
            var key = CaseKeysOf(count) is [var first, ..] ? first.Base : "";
            // A count with no court case (a DA row before filing) is a case of its own, named by the DA's record.
            var conviction = new Conviction("", count.CaseNumber, count.DispositionDate, homeCounty, count.Level == "F", count.Charge,
                count.Sentence, false, Case: caseKey ?? (key.Length > 0 ? $"case:{key}" : $"{count.Source}:{count.SourceRecordId}"))
            {
                EventNumbers = count.BookingNumber.Length > 0 ? [count.BookingNumber] : [],
            };
            return new Builder(conviction, new ConvictionSource(count.Source, count.SourceRecordId, count.RowId), count.CountNumber)
            {
                _courtReported = count.Source != "da",
            };
        }

        private static IReadOnlyList<CaseKey> CaseKeysOf(CountyCount count) => CaseKey.ParseAll(count.CaseNumber);

        private static IReadOnlyList<CaseKey> ArrestKeysOf(CountyCount count) =>
            CaseKey.Parse(count.BookingNumber) is { } booking ? [booking] : [];

        private static bool Agree(IReadOnlyList<CaseKey> a, IReadOnlyList<CaseKey> b) => CaseKey.Compare(a, b) >= CaseAgreement.SameCase;

        /// <summary>How surely the count is this conviction, 0 for not at all: by what ties them (the case, the arrest, or
        /// only the offense and date), then whether the count numbers agree, then whether the dates do. A conviction
        /// takes one report per source.</summary>
        public int Match(CountyCount count)
        {
            if (_sources.Any(s => s.Source == count.Source && s.Reference == count.RowId)) return int.MaxValue;
            if (_sources.Any(s => s.Source == count.Source)) return 0;
            var sameOffense = SameOffense(_conviction.Charge, count.Charge);
            var days = DaysApart(count.DispositionDate);
            var sameCount = countNumber > 0 && countNumber == count.CountNumber;
            var countCaseKeys = CaseKeysOf(count);
            int tie;
            if (Agree(_caseKeys, countCaseKeys))
            {
                // A count the court did not convict on overrules a conviction only when it is plainly that count.
                if (!sameCount && !(count.IsConviction && sameOffense && days <= SameCaseDays)) return 0;
                tie = 3;
            }
            else if (count.IsConviction && (Agree([.. _caseKeys, .. _arrestKeys], ArrestKeysOf(count)) || Agree(_arrestKeys, countCaseKeys))
                     && sameOffense && days <= SameCaseDays)
            {
                // Tied by the arrest's numbers (either side's case number may be the booking number) rather than the case.
                tie = 2;
            }
            else if (count.IsConviction && sameOffense && days <= (_caseKeys.Count > 0 && countCaseKeys.Count > 0 ? OtherCaseDays : NoCaseDays))
            {
                tie = 1;
            }
            else
            {
                return 0;
            }
            return (tie * 4) + (sameCount ? 2 : 0) + (days == 0 ? 1 : 0);
        }

        public void Add(CountyCount count)
        {
            if (_sources.Any(s => s.Source == count.Source && s.Reference == count.RowId)) return;
            _sources.Add(new ConvictionSource(count.Source, count.SourceRecordId, count.RowId));
            var level = _conviction.IsFelony ? "F" : "M/I";
            var countLevel = count.Level == "F" ? "F" : count.Level.Length > 0 ? "M/I" : level;
            if (countLevel != level) _conflicts.Add($"level: {Describe(_sources[0])} {level}, {count.Source} {count.Level}");
            if (count.DispositionDate is { } date && _conviction.Date is { } known && date != known)
            {
                _conflicts.Add($"date: {Describe(_sources[0])} {known}, {count.Source} {date}");
            }
            if (count.Disposition.Length > 0 && !count.IsConviction)
            {
                _conflicts.Add($"disposition: {Describe(_sources[0])} CONVICTED, {count.Source} {count.Disposition}");
            }
            if (count.Source != "da" && !_courtReported)
            {
                // The court's record of its own judgment stands over DOJ's and the DA's copies of it.
                _courtReported = true;
                _conviction = _conviction with
                {
                    IsFelony = count.Level.Length > 0 ? count.Level == "F" : _conviction.IsFelony,
                    Date = count.DispositionDate ?? _conviction.Date,
                };
                _dismissed = count.Disposition.Length > 0 && !count.IsConviction;
            }
        }

        public MergedConviction Build() => new(_conviction, _sources, _conflicts, _dismissed);

        /// <summary>Days between the two dates; far apart when either is unknown.</summary>
        private int DaysApart(DojDate? other) =>
            other is { } b && _conviction.Date is { } a ? Math.Abs(a.Earliest.DayNumber - b.Earliest.DayNumber) : int.MaxValue;

        private static bool SameOffense(Charge a, Charge b) =>
            a.Offenses.Count > 0 && b.Offenses.Count > 0 && a.Offenses[0].Section == b.Offenses[0].Section && a.Offenses[0].Code == b.Offenses[0].Code;

        private static string Describe(ConvictionSource s) => s.Source;
    }
}
