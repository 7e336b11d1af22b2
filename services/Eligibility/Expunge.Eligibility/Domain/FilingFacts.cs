using System.Globalization;
using Expunge.Contracts;
using Expunge.CountyRecords;
using Expunge.EligibilityRules;

namespace Expunge.Eligibility.Domain;

/// <summary>
/// The facts a filing lists for one decided conviction, from the person's merged record: the court's own case number
/// and count where the court reported the conviction (else the DA's, else DOJ's court-action number), the
/// prosecuting agency a county source names (else the county's district attorney), and every other name the
/// person's records carry as an AKA. Pure.
/// </summary>
public static class FilingFacts
{
    public static ConvictionFiling Of(Decision d, MergedConviction merged, IReadOnlyList<CountyCount> counts, IReadOnlyList<string> names)
    {
        var reports = merged.Sources
            .Select(s => counts.FirstOrDefault(c => c.Source == s.Source && c.RowId == s.Reference))
            .OfType<CountyCount>().ToList();
        var court = reports.FirstOrDefault(c => c.Source != "da" && c.CaseNumber.Length > 0);
        var da = reports.FirstOrDefault(c => c.Source == "da");
        var (caseNumber, count) = court is not null ? (court.CaseNumber, court.CountNumber.ToString(CultureInfo.InvariantCulture))
            : da is { CaseNumber.Length: > 0 } ? (da.CaseNumber, da.CountNumber.ToString(CultureInfo.InvariantCulture))
            : (FirstCaseNumber(d.Conviction.CaseNumber), DojCountNumber(d.Conviction.CntOrder));
        var county = d.Conviction.County;
        var primary = d.Person.Name;
        return new ConvictionFiling
        {
            CourtCaseNumber = caseNumber,
            CountNumber = count,
            Court = $"SUPERIOR COURT OF CALIFORNIA, COUNTY OF {county}",
            CourtLocation = court?.Location ?? "",
            ProsecutingAgency = reports.Select(r => r.Agency).FirstOrDefault(a => a.Length > 0) ?? $"{county} COUNTY DISTRICT ATTORNEY",
            DefendantName = primary,
            Aliases = [.. names.Where(n => n.Length > 0 && !SameName(n, primary)).DistinctBy(Comparable)],
            DateOfBirth = d.Person.DateOfBirth?.ToString() ?? "",
            CiiNumber = d.Person.CiiNumber,
            CodeSection = d.Conviction.Charge.CodeSection,
            Level = d.Conviction.IsFelony ? "felony" : "misdemeanor or infraction",
            ConvictionDate = d.Conviction.Date?.ToString() ?? "",
            Reason = d.Reason,
            Relief = Reliefs.Of(d),
            LegalBasis = Reliefs.LegalBasis(d),
            Sources = merged.SourceNames,
            Reports = [.. merged.Sources.Select(s => new ConvictionReport { Source = s.Source, SourceRecordId = s.SourceRecordId, Reference = s.Reference })],
        };
    }

    /// <summary>Every name the person's records give (<c>LAST,FIRST MIDDLE</c>) and their AKAs.</summary>
    public static IReadOnlyList<string> NamesOf(PersonHistory person) =>
        [.. person.Records.SelectMany(r => (IEnumerable<string?>)[r.Identity.Name, .. r.Identity.Aliases ?? []]).OfType<string>().Select(n => n.Trim())];

    // DOE,JANE M, DOE, JANE M and DOE,JANE are one name (a middle name or initial left out is not another name).
    private static bool SameName(string a, string b) => Comparable(a) == Comparable(b);

    private static string Comparable(string name)
    {
        var comma = name.IndexOf(',', StringComparison.Ordinal);
        var given = comma < 0 ? "" : name[(comma + 1)..].Trim().Split(' ', 2)[0];
        return Letters(comma < 0 ? name : name[..comma]) + "," + Letters(given);
    }

    private static string Letters(string text) => string.Concat(text.Where(char.IsLetterOrDigit)).ToUpperInvariant();

    private static string FirstCaseNumber(string caseNumbers) =>
        caseNumbers.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";

    private static string DojCountNumber(string cntOrder) =>
        cntOrder.Length >= 9 && int.TryParse(cntOrder.AsSpan(6, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n.ToString(CultureInfo.InvariantCulture) : "";
}
