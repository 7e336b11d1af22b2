using System.Text;
using Expunge.Doj;
using Expunge.Testing;

namespace Expunge.EndToEnd.Tests;

/// <summary>
/// One conviction reported by DOJ and by the court, its case number written as each writes it (court-records.md,
/// "Case numbers as the sources write them"), through the five services: one conviction in convictions.csv, one row
/// in Exhibit A, whatever the spelling; a co-defendant on the same case number stays a person and a conviction of
/// their own.
/// </summary>
public sealed class CaseNumberSpellingsTests(Infrastructure infrastructure)
{
    /// <summary>A person, DOJ's OFN (and FE_NUM_CRT_CASE, booking) for the case, and the court's case number and booking.</summary>
    private sealed record Spelling(string Surname, string Given, string Dob, string Ofn, string CourtCase, string FeCourtCase = "", string DojBooking = "",
        string CourtBooking = "");

    private static readonly Spelling[] Spellings =
    [
        new("ABARCA", "LUIS", "19500103", "BA540834", "BA540834"),
        new("BELTRAN", "ANA", "19500204", "PA-791656", "PA791656"),
        new("CORONA", "JOSE", "19500305", "TA 291451", "TA291451"),
        new("DUARTE", "MARIA", "19500406", "GA00336042", "GA336042"),
        new("ESPINOZA", "CARLOS", "19500507", "LA54321", "LA054321"),
        new("FUENTES", "JORGE", "19500608", "BA540835", "BA540835-01"),
        new("GALLEGOS", "ROSA", "19500709", "PA-779705-01", "PA779705-01"),
        new("HUERTA", "PEDRO", "19500810", "NULL", "YA123456", FeCourtCase: "YA123456"),
        new("IBARRA", "ELENA", "19500911", "44556677", "SA654321", DojBooking: "44556677", CourtBooking: "44556677"),
    ];

    [Fact]
    public async Task A_doj_count_and_its_court_row_are_one_conviction_and_one_exhibit_row_whatever_the_spelling_of_the_case_number()
    {
        infrastructure.Require();
        await using var stack = await RunningServices.StartAsync(infrastructure, recordsPerBatch: 50);
        var dir = Path.Combine(Path.GetTempPath(), "expunge-e2e", $"spellings-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var (doj, court) = (Path.Combine(dir, "doj.dat"), Path.Combine(dir, "court.csv"));
        await File.WriteAllTextAsync(doj, DojExtract(), new UTF8Encoding(false), TestContext.Current.CancellationToken);
        // The co-defendant of FUENTES on BA540835: another person, decided on their own.
        var codefendant = CourtRow(new Spelling("FUENTES", "MARCO", "19520101", "", "BA540835-02"));
        await File.WriteAllTextAsync(court, string.Join('\n', [CourtHeader, .. Spellings.Select(CourtRow), codefendant]) + "\n",
            new UTF8Encoding(false), TestContext.Current.CancellationToken);
        var output = Path.Combine(dir, "out");

        var (exitCode, log) = await EndToEndTests.RunCliAsync(stack, "submit", "--doj", doj, "--court", court,
            "--policy", Path.Combine(RunningServices.RepositoryRoot, "samples", "policies", "la-2020.json"), "--wait", "--out", output);

        Assert.True(exitCode == 0, log);
        var rows = EndToEndTests.ReadCsv(Path.Combine(output, "convictions.csv"));
        int Column(string name) => rows[0].IndexOf(name);
        var convictions = rows.Skip(1).ToList();
        Assert.Equal(Spellings.Length + 1, convictions.Count);
        foreach (var spelling in Spellings)
        {
            var row = Assert.Single(convictions, r => r[Column("name")].StartsWith(spelling.Surname, StringComparison.Ordinal) && r[Column("dob")] == Iso(spelling.Dob));
            Assert.Equal("doj;court", row[Column("sources")]);
            Assert.Equal("Eligible for Dismissal", row[Column("determination")]);
        }
        var other = Assert.Single(convictions, r => r[Column("sources")] == "court");
        Assert.Equal("1952-01-01", other[Column("dob")]);
        Assert.Equal(Spellings.Length + 1, convictions.Select(r => r[Column("person_id")]).Distinct().Count());

        // Exhibit A: every conviction once, under the court's own case number.
        var exhibits = Directory.GetFiles(Path.Combine(output, "filings"), "exhibit-a.csv", SearchOption.AllDirectories)
            .SelectMany(f => EndToEndTests.ReadCsv(f) is var csv ? csv.Skip(1).Select(r => r[csv[0].IndexOf("court_case_number")]) : []).ToList();
        Assert.Equal([.. Spellings.Select(s => s.CourtCase).Append("BA540835-02").Order(StringComparer.Ordinal)], exhibits.Order(StringComparer.Ordinal));
    }

    private static string Iso(string yyyymmdd) => $"{yyyymmdd[..4]}-{yyyymmdd[4..6]}-{yyyymmdd[6..]}";

    private const string CourtHeader = "court_case_number,count_number,court_location,filing_date,defendant_last_name,defendant_first_name," +
        "defendant_middle_name,aka_names,date_of_birth,sex,race,cii_number,cdl_number,booking_number,arrest_date,charge_code," +
        "charge_description,charge_level,disposition,disposition_date,sentence,prosecuting_agency";

    private static string CourtRow(Spelling s) =>
        $"{s.CourtCase},1,CENTRAL,2010-03-01,{s.Surname},{s.Given},,,{Iso(s.Dob)},,,,,{s.CourtBooking},2010-02-20,HS 11359,POSSESS FOR SALE,F,CONVICTED," +
        "2010-03-01,PROBATION 36M,LOS ANGELES COUNTY DISTRICT ATTORNEY";

    /// <summary>Each person's arrest and the court action that convicted them, as DOJ writes them.</summary>
    private static string DojExtract()
    {
        var lines = new List<string> { string.Join(',', DojColumns.Names) + "," };
        var record = 1;
        foreach (var (s, i) in Spellings.Select((s, i) => (s, i)))
        {
            foreach (var courtAction in (bool[])[false, true])
            {
                var f = Enumerable.Repeat("", DojColumns.Count).ToArray();
                f[DojColumns.RecordId] = (record++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                f[DojColumns.SubjectId] = $"{9_000_000 + i}";
                f[DojColumns.CiiNumber] = $"A{70_000_000 + (i * 7_919)}";
                f[DojColumns.PrimaryName] = $"\"{s.Surname},{s.Given}\"";
                f[DojColumns.Gender] = "M";
                f[DojColumns.PrimaryDob] = s.Dob;
                f[36] = "1";
                f[DojColumns.CycleDate] = "20100220";
                f[39] = courtAction ? "2" : "1";
                // DOJ dates the court action ten days after the court's disposition (when it was reported): too far apart
                // for the offense and date alone to say one conviction, so only the numbers can.
                f[DojColumns.StepEventDate] = courtAction ? "20100311" : "20100220";
                f[DojColumns.StepTypeDescription] = courtAction ? "COURT ACTION" : "ARREST/DETAINED/CITED";
                f[DojColumns.StepAgencyCountyName] = "LOS ANGELES";
                f[DojColumns.CountOrder] = courtAction ? "001002001000" : "001001001000";
                f[DojColumns.Ofn] = courtAction ? s.Ofn : s.DojBooking;
                f[DojColumns.OffenseDescription] = "11359 HS-POSSESS MARIJUANA FOR SALE";
                f[DojColumns.OffenseToc] = "F";
                f[DojColumns.FeNumBooking] = s.DojBooking;
                f[DojColumns.FeNumCourtCase] = courtAction ? s.FeCourtCase : "";
                if (courtAction)
                {
                    f[DojColumns.DispositionDescription] = "CONVICTED-PROBATION";
                    f[DojColumns.ConvictionStatusDescription] = "FELONY";
                    (f[86], f[87], f[88]) = ("PROBATION", "36", "M");
                }
                lines.Add(string.Join(',', f));
            }
        }
        return string.Join('\n', lines) + "\n";
    }
}
