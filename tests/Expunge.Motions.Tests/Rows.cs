using Expunge.Contracts;
using Expunge.EligibilityRules;
using Expunge.Motions.Domain;

namespace Expunge.Motions.Tests;

/// <summary>Filing rows as eligibility would describe them.</summary>
internal static class Rows
{
    public const string Court = "SUPERIOR COURT OF CALIFORNIA, COUNTY OF LOS ANGELES";
    public const string DistrictAttorney = "LOS ANGELES COUNTY DISTRICT ATTORNEY";
    public const string CityAttorney = "LOS ANGELES CITY ATTORNEY";

    public static FilingRow Row(int n, string determination = Determinations.EligibleForDismissal, string name = "DOE,JANE M",
        string agency = DistrictAttorney, string relief = Reliefs.DismissAndSeal, IReadOnlyList<string>? aliases = null)
    {
        var (source, id, cnt) = ("doj", (1_000_000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture), "001002001000");
        return new FilingRow(FilingRowIds.Of(source, id, cnt), source, id, cnt, new Guid(n, 0, 0, new byte[8]), determination,
            determination == Determinations.EligibleForDismissal ? "AGE_THRESHOLD" : "NO_CRITERIA", Filing(n, name, agency, determination == Determinations.EligibleForDismissal ? relief : "", aliases));
    }

    public static ConvictionFiling Filing(int n, string name, string agency, string relief, IReadOnlyList<string>? aliases = null) => new()
    {
        CourtCaseNumber = $"BA{100_000 + n}",
        CountNumber = "1",
        Court = Court,
        CourtLocation = "LOS ANGELES SUPERIOR COURT",
        ProsecutingAgency = agency,
        DefendantName = name,
        Aliases = aliases ?? [],
        DateOfBirth = "1960-03-15",
        CiiNumber = $"A{10_000_000 + n}",
        CodeSection = "11359 HS",
        Level = "felony",
        ConvictionDate = "1994-06-01",
        Reason = "50 years or older",
        Relief = relief,
        LegalBasis = relief.Length > 0 ? "H&S 11361.8, 11361.9; la-2020 policy v1: 50 years or older" : "",
        Sources = "doj;court",
    };
}
