using Expunge.Doj;

namespace Expunge.EligibilityRules;

/// <summary>A dated event on the record that can disqualify: a superstrike (or gang pair) or a PC 290 offense.</summary>
internal sealed record DatedOffense(string CaseKey, DateRange Date, string Description);

/// <summary>
/// What the rules need from a whole rap sheet, worked out once per person: each conviction's date range and sentence
/// end, the superstrikes (including gang pairs) and PC 290 offenses with their dates.
/// </summary>
internal sealed class RecordFacts
{
    public RecordFacts(RapSheet sheet)
    {
        Sheet = sheet;
        Dob = sheet.DateOfBirth is { } dob ? DateRange.Of(dob) : null;
        Convictions = [.. sheet.Convictions.Select(c => new DatedConviction(c, DateRange.Of(c.Date), SentenceEnd(c)))];
        Registrations = [.. sheet.Registrations.Select(r => (Date: DateRange.Of(r.Date), r))];
        Superstrikes = [.. FindSuperstrikes()];
        Pc290Offenses = [.. Convictions
            .Where(c => c.Conviction.Charge.Offenses.Any(OffenseLists.IsPc290Registrable))
            .Select(c => new DatedOffense(c.Conviction.CaseKey, c.Date, Describe(c.Conviction.Charge.Offenses.Where(OffenseLists.IsPc290Registrable))))];
    }

    public RapSheet Sheet { get; }

    public DateRange? Dob { get; }

    public IReadOnlyList<DatedConviction> Convictions { get; }

    public IReadOnlyList<(DateRange Date, Registration Registration)> Registrations { get; }

    public IReadOnlyList<DatedOffense> Superstrikes { get; }

    public IReadOnlyList<DatedOffense> Pc290Offenses { get; }

    public bool AllProp64 => Convictions.All(c => c.Conviction.IsProp64);

    /// <summary>A sentence of unknown length ends somewhere from the conviction date to forever.</summary>
    private static DateRange SentenceEnd(Conviction c)
    {
        var date = DateRange.Of(c.Date);
        if (date == DateRange.Unknown) return DateRange.Unknown;
        if (c.Sentence.Unknown) return new DateRange(date.Lo, DateOnly.MaxValue);
        return new DateRange(SafeEnd(c.Sentence, date.Lo), SafeEnd(c.Sentence, date.Hi));
    }

    private static DateOnly SafeEnd(Sentence sentence, DateOnly from)
    {
        try
        {
            return sentence.EndFrom(from);
        }
        catch (ArgumentOutOfRangeException)
        {
            return DateOnly.MaxValue; // a sentence running past the calendar's end has not ended
        }
    }

    private IEnumerable<DatedOffense> FindSuperstrikes()
    {
        foreach (var c in Convictions)
        {
            var offenses = c.Conviction.Charge.Offenses;
            var listed = offenses.Where(OffenseLists.IsSuperstrike).ToList();
            if (listed.Count > 0)
            {
                yield return new DatedOffense(c.Conviction.CaseKey, c.Date, Describe(listed));
            }
            else if (offenses.Any(OffenseLists.IsGangBase) && offenses.Any(OffenseLists.IsGangEnhancement))
            {
                // A gang pair written in one code string: 246/186.22(B)(4) PC.
                yield return new DatedOffense(c.Conviction.CaseKey, c.Date, Describe(offenses));
            }
        }
        // A gang pair reported as two convictions of one case, dated by the later of the two.
        foreach (var kase in Convictions.GroupBy(c => c.Conviction.CaseKey))
        {
            var bases = kase.Where(c => c.Conviction.Charge.Offenses.Any(OffenseLists.IsGangBase) && !c.Conviction.Charge.Offenses.Any(OffenseLists.IsGangEnhancement)).ToList();
            var enhancements = kase.Where(c => c.Conviction.Charge.Offenses.Any(OffenseLists.IsGangEnhancement) && !c.Conviction.Charge.Offenses.Any(OffenseLists.IsGangBase)).ToList();
            foreach (var b in bases)
            {
                foreach (var e in enhancements)
                {
                    var later = new DateRange(Max(b.Date.Lo, e.Date.Lo), Max(b.Date.Hi, e.Date.Hi));
                    yield return new DatedOffense(kase.Key, later,
                        $"{Describe(b.Conviction.Charge.Offenses.Where(OffenseLists.IsGangBase))}+{Describe(e.Conviction.Charge.Offenses.Where(OffenseLists.IsGangEnhancement))}");
                }
            }
        }
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static string Describe(IEnumerable<Offense> offenses) =>
        string.Join("/", offenses.Select(o => $"{(o.Attempt ? "664/" : "")}{o.Section}{o.SubsectionText}"));
}

internal sealed record DatedConviction(Conviction Conviction, DateRange Date, DateRange SentenceEnd);
