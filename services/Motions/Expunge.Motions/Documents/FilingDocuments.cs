using System.Globalization;
using Expunge.EligibilityRules;
using Expunge.Motions.Domain;

namespace Expunge.Motions.Documents;

/// <summary>A document of a package: its file name, media type and bytes.</summary>
public sealed record GeneratedDocument(string Name, string MediaType, byte[] Content);

/// <summary>
/// The documents of one package. With convictions to ask relief for: the bulk motion, the proposed order and
/// Exhibit A (PDF for people, CSV for the court's system). For the prosecutor's and public defender's records: the
/// convictions routed to the city attorneys, those left for hand review and those not eligible (with reasons), each
/// as PDF and CSV. Lists with no rows are left out. Pure: rows in, bytes out.
/// </summary>
public static class FilingDocuments
{
    public const string Pdf = "application/pdf";
    public const string Csv = "text/csv";

    public static IReadOnlyList<GeneratedDocument> Build(PackagePlan plan, PackageHeading heading)
    {
        var documents = new List<GeneratedDocument>();
        var exhibit = plan.Listed(FilingList.Exhibit);
        var subtitle = $"Prosecuting agency: {plan.ProsecutingAgency} · package {heading.Reference} · {{0:N0}} convictions";
        if (exhibit.Count > 0)
        {
            documents.Add(new("motion.pdf", Pdf, PleadingPapers.Motion(plan, exhibit, heading)));
            documents.Add(new("proposed-order.pdf", Pdf, PleadingPapers.ProposedOrder(plan, exhibit, heading)));
            documents.Add(new("exhibit-a.pdf", Pdf, TablePdf.Render(heading, plan.Court,
                "Exhibit A: convictions for which relief is asked (Health and Safety Code §§ 11361.8, 11361.9)",
                string.Format(CultureInfo.InvariantCulture, subtitle, exhibit.Count), ExhibitColumns, exhibit)));
            documents.Add(new("exhibit-a.csv", Csv, FilingCsv.Render(exhibit)));
        }
        foreach (var (list, name, title) in Lists)
        {
            var rows = plan.Listed(list);
            if (rows.Count == 0) continue;
            documents.Add(new($"{name}.pdf", Pdf, TablePdf.Render(heading, plan.Court, title,
                string.Format(CultureInfo.InvariantCulture, subtitle, rows.Count), ListColumns, rows)));
            documents.Add(new($"{name}.csv", Csv, FilingCsv.Render(rows)));
        }
        return documents;
    }

    private static readonly (FilingList List, string Name, string Title)[] Lists =
    [
        (FilingList.NeedsCaseNumber, "needs-case-number", "Eligible convictions no record gives a court case number for (not filed until it is found)"),
        (FilingList.CityAttorneys, "city-attorneys", "Misdemeanors and infractions for the city attorneys' review"),
        (FilingList.HandReview, "hand-review", "Convictions under hand review (not filed)"),
        (FilingList.NotEligible, "not-eligible", "Convictions not eligible for relief, with reasons"),
    ];

    private static readonly IReadOnlyList<TableColumn> Identity =
    [
        new("Row ID", 82, r => r.RowId),
        new("Case / count", 66, r => r.Filing.CountNumber.Length > 0 ? $"{r.Filing.CourtCaseNumber} / {r.Filing.CountNumber}" : r.Filing.CourtCaseNumber),
        new("Defendant (AKA)", 120, r => r.Filing.Aliases.Count > 0 ? $"{r.Filing.DefendantName}\nAKA {string.Join("; ", r.Filing.Aliases)}" : r.Filing.DefendantName),
        new("Date of birth", 46, r => r.Filing.DateOfBirth),
        new("CII", 50, r => r.Filing.CiiNumber),
        new("Code section", 58, r => r.Filing.CodeSection),
        new("Level", 44, r => r.Filing.Level == "felony" ? "Felony" : r.Filing.Level.Length > 0 ? "Misd./infr." : ""),
        new("Convicted", 46, r => r.Filing.ConvictionDate),
    ];

    public static readonly IReadOnlyList<TableColumn> ExhibitColumns =
    [
        .. Identity,
        new("Relief", 62, r => r.Filing.Relief),
        new("Legal basis", 132, r => r.Filing.LegalBasis),
    ];

    public static readonly IReadOnlyList<TableColumn> ListColumns =
    [
        .. Identity,
        new("Determination", 70, r => r.Determination),
        new("Reason", 124, r => r.Filing.Reason),
    ];

    /// <summary>How many convictions of the exhibit ask for each relief, in the order the law lists them.</summary>
    public static IReadOnlyList<(string Relief, int Count)> ReliefCounts(IReadOnlyList<FilingRow> exhibit) =>
        [.. new[] { Reliefs.DismissAndSeal, Reliefs.ReduceToMisdemeanor, Reliefs.ReduceToInfraction, Reliefs.RecallAndResentence }
            .Select(relief => (relief, exhibit.Count(r => r.Filing.Relief == relief))).Where(c => c.Item2 > 0)];
}
