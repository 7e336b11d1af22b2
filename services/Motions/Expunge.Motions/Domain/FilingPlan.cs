using Expunge.Contracts;

namespace Expunge.Motions.Domain;

/// <summary>The convictions of one court and prosecuting agency: one filing package.</summary>
public sealed record PackagePlan(string Court, string ProsecutingAgency, IReadOnlyList<FilingRow> Rows)
{
    public IReadOnlyList<FilingRow> Listed(FilingList list) => [.. Rows.Where(r => r.List == list)];

    /// <summary>The county of a superior court named as eligibility names it (<c>…, COUNTY OF LOS ANGELES</c>).</summary>
    public string County => Court.LastIndexOf(CountyOf, StringComparison.Ordinal) is var at and >= 0 ? Court[(at + CountyOf.Length)..] : Court;

    private const string CountyOf = "COUNTY OF ";
}

/// <summary>Who a package is for and what it is: printed on every page.</summary>
public sealed record PackageHeading(Guid PackageId, int Version, DateOnly Date, string County)
{
    public string Reference => $"{PackageId.ToString()[..8].ToUpperInvariant()} v{Version}";
}

public static class FilingPlan
{
    /// <summary>Convictions grouped by the court that convicted and the office that prosecuted, each group's rows in
    /// case order (case number, count, row id), groups in name order: the same rows give the same packages.</summary>
    public static IReadOnlyList<PackagePlan> Group(IEnumerable<FilingRow> rows) =>
        [.. rows.GroupBy(r => (r.Filing.Court, r.Filing.ProsecutingAgency))
            .OrderBy(g => g.Key.Court, StringComparer.Ordinal).ThenBy(g => g.Key.ProsecutingAgency, StringComparer.Ordinal)
            .Select(g => new PackagePlan(g.Key.Court, g.Key.ProsecutingAgency, [.. g
                .OrderBy(r => r.Filing.CourtCaseNumber, StringComparer.Ordinal)
                .ThenBy(r => int.TryParse(r.Filing.CountNumber, out var n) ? n : int.MaxValue)
                .ThenBy(r => r.RowId, StringComparer.Ordinal)]))];

    /// <summary>Facts for a conviction a sender decided before filings existed: enough to list it, not to file it.</summary>
    public static ConvictionFiling Minimal(ConvictionDetermination d) => new()
    {
        Court = $"SUPERIOR COURT OF CALIFORNIA, COUNTY OF {d.County}",
        ProsecutingAgency = $"{d.County} COUNTY DISTRICT ATTORNEY",
        CodeSection = d.Section,
        Reason = d.ReasonCode,
        Sources = d.Source,
    };
}
