using Expunge.Contracts;
using Expunge.Eligibility.Domain;
using Expunge.EligibilityRules;
using DojColumns = Expunge.Doj.DojColumns;

namespace Expunge.Pipeline.Tests;

/// <summary>The facts eligibility gives a filing for a conviction, from a person's merged record (pure).</summary>
public sealed class FilingFactsTests
{
    private static readonly string[] CourtColumns = [.. Expunge.CountyRecords.CountyLayout.Court.Columns];

    private static SourceRecord Court(string caseNumber, string name, string aka, string agency)
    {
        var f = new Dictionary<string, string>
        {
            ["court_case_number"] = caseNumber, ["count_number"] = "2", ["court_location"] = "VAN NUYS COURTHOUSE", ["filing_date"] = "19950101",
            ["defendant_last_name"] = name.Split(',')[0], ["defendant_first_name"] = name.Split(',')[1], ["aka_names"] = aka,
            ["date_of_birth"] = "19600101", ["charge_code"] = "HS 11359", ["charge_level"] = "F", ["disposition"] = "CONVICTED",
            ["disposition_date"] = "19950301", ["sentence"] = "PROBATION 36M", ["prosecuting_agency"] = agency,
        };
        return new SourceRecord
        {
            Source = "court", SourceRecordId = caseNumber,
            Identity = Expunge.CountyRecords.SourceIdentities.OfCountyRows("court", [[.. CourtColumns.Select(c => f.GetValueOrDefault(c, ""))]]),
            Rows = [new SourceRow { File = "court.csv", Line = 2, RowId = $"{caseNumber}#2", Fields = [.. CourtColumns.Select(c => f.GetValueOrDefault(c, ""))] }],
        };
    }

    [Fact]
    public void A_court_reported_conviction_is_filed_under_the_courts_case_and_count_with_its_agency_and_every_other_name_as_an_aka()
    {
        var doj = Records.DojFelony("77", "11359 HS-POSSESS FOR SALE", "19950301", sentenceYears: "1", dob: "19600101");
        var person = new PersonHistory
        {
            PersonId = Guid.NewGuid(),
            Records = [doj with { Identity = doj.Identity with { Name = "DOE,JANE M" } }, Court("BA123456", "DOE,JANE", "ROE, JANE", "LOS ANGELES COUNTY DISTRICT ATTORNEY")],
        };
        var outcome = PersonDecisions.Decide(person, PolicyFile.Parse(Records.LaPolicy("2020-07-01")), []);
        var filing = Assert.Single(outcome.Decisions).Filing;

        Assert.Equal(("BA123456", "2", "VAN NUYS COURTHOUSE"), (filing.CourtCaseNumber, filing.CountNumber, filing.CourtLocation));
        Assert.Equal("SUPERIOR COURT OF CALIFORNIA, COUNTY OF LOS ANGELES", filing.Court);
        Assert.Equal("LOS ANGELES COUNTY DISTRICT ATTORNEY", filing.ProsecutingAgency);
        Assert.Equal("DOE,JANE", filing.DefendantName);
        // DOE,JANE M is the same name without its middle initial dropped; ROE, JANE is another name.
        Assert.Equal(["ROE, JANE"], filing.Aliases);
        Assert.Equal((Reliefs.DismissAndSeal, "doj;court"), (filing.Relief, filing.Sources));
    }

    [Fact]
    public void A_conviction_only_doj_reports_is_filed_under_the_court_action_number_and_the_countys_district_attorney()
    {
        var doj = Records.DojFelony("78", "11359 HS-POSSESS FOR SALE", "19950301", sentenceYears: "1", dob: "19600101");
        var fields = doj.Rows[0].Fields.ToArray();
        fields[DojColumns.Ofn] = "LA012345";
        var person = new PersonHistory { PersonId = Guid.NewGuid(), Records = [doj with { Rows = [doj.Rows[0] with { Fields = fields }] }] };
        var filing = Assert.Single(PersonDecisions.Decide(person, PolicyFile.Parse(Records.LaPolicy("2020-07-01")), []).Decisions).Filing;
        Assert.Equal(("LA012345", "1", "LOS ANGELES COUNTY DISTRICT ATTORNEY"), (filing.CourtCaseNumber, filing.CountNumber, filing.ProsecutingAgency));
    }
}
