using Expunge.Doj;

namespace Expunge.EligibilityRules;

/// <summary>The tests the flows are made of, for one conviction on one record, each answering Yes, No or Unknown.</summary>
internal sealed class Checks(RecordFacts record, DatedConviction conviction, DateOnly asOf)
{
    private readonly DateRange _date = conviction.Date;
    private readonly string _case = conviction.Conviction.CaseKey;

    public Offense Offense { get; } = conviction.Conviction.Charge.Offenses.First(o => o.IsProp64);

    public bool IsFelony => conviction.Conviction.IsFelony;

    public bool AllProp64 => record.AllProp64;

    public bool Deceased => record.Sheet.Deceased;

    /// <summary>The first subsection of an 11357 conviction, or null.</summary>
    public string? Subsection11357 => Offense.Subsections.Count > 0 ? Offense.Subsections[0] : null;

    public Truth OnOrAfterProp64() => _date.Before(EligibilityEngine.Prop64PassedOn).Not();

    /// <summary>Other cases' convictions (counts of the same case are never priors of each other).</summary>
    private IEnumerable<DatedConviction> OtherCases => record.Convictions.Where(c => c.Conviction.CaseKey != _case);

    public Truth PriorSuperstrike() => record.Superstrikes.Where(s => s.CaseKey != _case).Any(s => s.Date.Before(_date));

    public Truth Pc290OnOrBefore() =>
        record.Pc290Offenses.Where(s => s.CaseKey != _case).Any(s => s.Date.Before(_date))
            .Or(record.Registrations.Any(r => r.Date.OnOrBefore(_date)));

    public Truth RegistrationAfter() => record.Registrations.Any(r => r.Date.After(_date));

    /// <summary>Two or more earlier convictions of this 11358/11359/11360 section itself (attempts are another offense).</summary>
    public Truth TwoPriorsOfSection()
    {
        if (Offense.Section is not ("11358" or "11359" or "11360")) return Truth.No;
        var sure = 0;
        var possible = 0;
        foreach (var prior in OtherCases.Where(c => c.Conviction.Charge.Offenses.Any(o => o.IsProp64 && !o.Attempt && o.Section == Offense.Section)))
        {
            var before = prior.Date.Before(_date);
            if (before == Truth.Yes) sure++;
            if (before != Truth.No) possible++;
        }
        return sure >= 2 ? Truth.Yes : possible < 2 ? Truth.No : Truth.Unknown;
    }

    /// <summary>Age N is reached on DOB + N calendar years; a missing DOB makes nobody old or young.</summary>
    public Truth AgeOnAsOfAtLeast(int years) =>
        record.Dob is not { } dob ? Truth.No : dob.AddYears(years).OnOrBefore(asOf);

    public Truth UnderTwentyOneAtConviction() =>
        record.Dob is not { } dob ? Truth.No : dob.AddYears(21).After(_date);

    public Truth AnySentenceRunning() => record.Convictions.Any(c => c.SentenceEnd.After(asOf));

    /// <summary>No conviction of any kind (this one included) dated after asOf − N years.</summary>
    public Truth NoConvictionAfter(int years)
    {
        var cutoff = DateRange.SafeAddYears(asOf, -years);
        return record.Convictions.Any(c => c.Date.After(cutoff)).Not();
    }

    public Truth ConvictedAtLeastYearsAgo(int years) => _date.OnOrBefore(DateRange.SafeAddYears(asOf, -years));

    /// <summary>The most recent conviction of any kind is strictly before asOf − N years.</summary>
    public Truth AllConvictionsBefore(int years)
    {
        var cutoff = DateRange.SafeAddYears(asOf, -years);
        return record.Convictions.Any(c => c.Date.Before(cutoff).Not()).Not();
    }

    /// <summary>The configurable policy's key this conviction matches in a list, or null.</summary>
    public string? MatchingSectionKey(IReadOnlyList<string> keys)
    {
        if (Offense.Section != "11357") return keys.Contains(Offense.Section) ? Offense.Section : null;
        if (keys.Contains("11357")) return "11357";
        var subsection = Subsection11357 is "a" or "b" or "c" or "d" ? $"11357({Subsection11357})" : "11357(none)";
        return keys.Contains(subsection) ? subsection : null;
    }

    public ConvictionFacts Facts(IReadOnlyList<string> assumptions)
    {
        // Whole years since the latest day the conviction can have been: "at least N years ago".
        int? years = _date == DateRange.Unknown ? null : _date.Hi > asOf ? 0 : WholeYears(_date.Hi, asOf);
        return new ConvictionFacts(
            [.. record.Superstrikes.Where(s => s.CaseKey != _case && s.Date.Before(_date) != Truth.No).Select(s => s.Description).Distinct()],
            [.. record.Pc290Offenses.Where(s => s.CaseKey != _case && s.Date.Before(_date) != Truth.No).Select(s => s.Description).Distinct()],
            [.. record.Sheet.Registrations.Select(r => r.Date?.ToString() ?? "unknown date")],
            OtherCases.Count(c => c.Date.Before(_date) == Truth.Yes),
            record.Convictions.Count(c => c.Conviction.IsProp64),
            years,
            record.Sheet.Deceased,
            conviction.Conviction.PossibleOtherProp64Charge,
            assumptions);
    }

    private static int WholeYears(DateOnly from, DateOnly to)
    {
        var years = to.Year - from.Year;
        return DateRange.SafeAddYears(from, years) > to ? years - 1 : years;
    }
}
