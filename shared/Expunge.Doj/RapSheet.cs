namespace Expunge.Doj;

/// <summary>Time a conviction's sentence components add up to, summed per unit; <see cref="Unknown"/> when any
/// component has a length or unit that cannot be read (its end is then unknown, never "already finished").</summary>
public sealed record Sentence(int Years, int Months, int Days, bool Unknown)
{
    public static readonly Sentence None = new(0, 0, 0, false);

    public Sentence Plus(Sentence other) =>
        new(Years + other.Years, Months + other.Months, Days + other.Days, Unknown || other.Unknown);

    /// <summary>Conviction date + years, then months (clamped to the month's end), then days.</summary>
    public DateOnly EndFrom(DateOnly convictionDate) =>
        convictionDate.AddYears(Years).AddMonths(Months).AddDays(Days);
}

/// <summary>One count a person was convicted of (doj-extract.md, "How to read a rap sheet").</summary>
public sealed record Conviction(
    string CntOrder,
    string CaseNumber,
    DojDate? Date,
    string County,
    bool IsFelony,
    Charge Charge,
    Sentence Sentence,
    bool PossibleOtherProp64Charge,
    string? Case = null)
{
    /// <summary>The case the count belongs to: the first 6 digits of CNT_ORDER for a DOJ count (counts sharing them
    /// belong to one case), or the case a county source and DOJ agree on (<paramref name="Case"/>).</summary>
    public string CaseKey => Case ?? (CntOrder.Length >= 6 ? CntOrder[..6] : CntOrder);

    /// <summary>The other numbers DOJ holds for the conviction's cycle (the arrest step's OFN, booking, citation, docket
    /// and court case numbers of FE_NUM_*), as written: what ties it to a court row when the OFN is missing, padded or
    /// holds the booking number instead of the case number.</summary>
    public IReadOnlyList<string> EventNumbers { get; init; } = [];

    /// <summary>The offense the conviction is for (the first, where a gang pair names two).</summary>
    public Offense? Offense => Charge.Offenses.Count > 0 ? Charge.Offenses[0] : null;

    public bool IsProp64 => Charge.Offenses.Any(o => o.IsProp64);
}

/// <summary>A PC 290 sex-offender registration step.</summary>
public sealed record Registration(DojDate? Date, string Offense);

/// <summary>Everything the eligibility rules need to know about one DOJ subject, compact enough to hold for a county.</summary>
public sealed record RapSheet(
    string SubjectId,
    string CiiNumber,
    string Name,
    DojDate? DateOfBirth,
    bool Deceased,
    IReadOnlyList<Conviction> Convictions,
    IReadOnlyList<Registration> Registrations);
