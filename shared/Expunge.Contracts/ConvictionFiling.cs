namespace Expunge.Contracts;

/// <summary>
/// What a court needs to find a conviction and act on it (the motions service puts it in an exhibit row): the case as
/// the court numbers it, the defendant as the record names them, and the relief with its legal basis. Filled by
/// eligibility from the person's merged record; dates <c>YYYY-MM-DD</c> (a partial date with its known parts only).
/// </summary>
public sealed record ConvictionFiling
{
    public string CourtCaseNumber { get; init; } = "";
    public string CountNumber { get; init; } = "";

    /// <summary>The court that convicted: the county's superior court (<c>SUPERIOR COURT OF CALIFORNIA, COUNTY OF LOS ANGELES</c>).</summary>
    public string Court { get; init; } = "";

    /// <summary>The courthouse or location where the court export names one.</summary>
    public string CourtLocation { get; init; } = "";

    /// <summary>The office that prosecuted (a county source's prosecuting agency, else the county's district attorney).</summary>
    public string ProsecutingAgency { get; init; } = "";

    public string DefendantName { get; init; } = "";
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public string DateOfBirth { get; init; } = "";
    public string CiiNumber { get; init; } = "";
    public string CodeSection { get; init; } = "";

    /// <summary><c>felony</c> or <c>misdemeanor or infraction</c>, as the results file writes it.</summary>
    public string Level { get; init; } = "";
    public string ConvictionDate { get; init; } = "";

    /// <summary>The reason's label (the rule that fired).</summary>
    public string Reason { get; init; } = "";

    /// <summary><c>Dismiss and seal</c>, <c>Reduce to misdemeanor</c>, <c>Reduce to infraction</c>,
    /// <c>Recall and resentence</c>; empty when the determination grants no relief.</summary>
    public string Relief { get; init; } = "";

    /// <summary>The statute and, for a county policy, the policy, version and rule the relief rests on.</summary>
    public string LegalBasis { get; init; } = "";

    /// <summary>The sources that reported the conviction, <c>;</c>-joined (<c>doj;court</c>).</summary>
    public string Sources { get; init; } = "";

    /// <summary>Each source's report of the conviction: what is sealed when the court grants relief.</summary>
    public IReadOnlyList<ConvictionReport> Reports { get; init; } = [];
}
