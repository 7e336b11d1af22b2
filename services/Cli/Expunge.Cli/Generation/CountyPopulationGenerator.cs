using System.Globalization;
using System.Text;
using Expunge.EligibilityRules;

namespace Expunge.Cli.Generation;

/// <summary>How the county population is drawn.</summary>
/// <param name="CourtOnlyShare">Share of Los Angeles cases the court has that were never reported to DOJ.</param>
/// <param name="DaShare">Share of Los Angeles cases the DA / city attorney export holds.</param>
public sealed record PopulationOptions(int People, int Seed, double CourtOnlyShare = 0.12, double DaShare = 0.7);

/// <summary>What was written, with the counts a test or the demo checks the pipeline against.</summary>
public sealed record GeneratedPopulation(int People, int DojSubjects, long DojRows, long CourtRows, long DaRows, int LaConvictions,
    int CourtOnlyConvictions, int CourtOnlyCannabisConvictions, string Directory)
{
    public const string DojFile = "doj.dat";
    public const string CourtFile = "court.csv";
    public const string DaFile = "da.csv";

    /// <summary><c>source,record_id,row_id,person_id</c>: who every record (a DOJ subject, a court or DA row) is.</summary>
    public const string TruthRecordsFile = "truth-records.csv";

    /// <summary><c>person_id,court_case_number,count_number,county,section,cannabis,convicted,in_doj,in_court,in_da,conviction_id</c>:
    /// every true count, and which sources report it.</summary>
    public const string TruthConvictionsFile = "truth-convictions.csv";

    /// <summary><c>source,source_record_id,reference,conviction_id</c>: which true count each source's report is (a DOJ
    /// subject's CNT_ORDER, a court or DA row), so a count reported twice can be told from two counts.</summary>
    public const string TruthReportsFile = "truth-reports.csv";
}

/// <summary>
/// A seeded synthetic county, written as the three sources a county has: the DOJ extract (only people with a Los
/// Angeles cannabis conviction DOJ knows of, with their whole history), the court's case-management export (every Los
/// Angeles case, including those never reported to DOJ) and the DA / city-attorney export (most Los Angeles cases).
/// The people (<see cref="TruePopulation"/>) include the hard negatives (fathers and sons of one name, twins, siblings,
/// namesakes, co-defendants); each source copies identities and case numbers as real systems do
/// (<see cref="SourceCopies"/>). Three truth files say who every record really is, where each conviction was reported,
/// and which conviction each report is. Nobody in it is real.
/// </summary>
public sealed class CountyPopulationGenerator(PopulationOptions options)
{
    public GeneratedPopulation Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var people = new TruePopulation(options).Draw();
        var encoding = new UTF8Encoding(false);
        StreamWriter Open(string file) => new(Path.Combine(directory, file), false, encoding, 1 << 16);
        using var doj = Open(GeneratedPopulation.DojFile);
        using var court = Open(GeneratedPopulation.CourtFile);
        using var da = Open(GeneratedPopulation.DaFile);
        using var truthRecords = Open(GeneratedPopulation.TruthRecordsFile);
        using var truthConvictions = Open(GeneratedPopulation.TruthConvictionsFile);
        using var truthReports = Open(GeneratedPopulation.TruthReportsFile);
        doj.Write(string.Join(',', Doj.DojColumns.Names) + ",\n");
        court.Write(string.Join(',', CountyRecords.CountyLayout.Court.Columns) + "\n");
        da.Write(string.Join(',', CountyRecords.CountyLayout.Da.Columns) + "\n");
        truthRecords.Write("source,record_id,row_id,person_id\n");
        truthConvictions.Write("person_id,court_case_number,count_number,county,section,cannabis,convicted,in_doj,in_court,in_da,conviction_id\n");
        truthReports.Write("source,source_record_id,reference,conviction_id\n");

        long dojRows = 0, courtRows = 0, daRows = 0, recordId = 1;
        int subjects = 0, laConvictions = 0, courtOnly = 0, courtOnlyCannabis = 0;
        foreach (var person in people)
        {
            var random = new Random(unchecked((options.Seed * 7_919) + person.Index));
            if (person.InDojFile)
            {
                // One person in a hundred has a second DOJ subject (a record DOJ never consolidated), same CII.
                var split = person.Cases.Count(c => c.KnownToDoj) > 1 && random.Next(100) == 0;
                var subjectIds = new[] { $"{2_000_000 + (2 * person.Index)}", $"{2_000_001 + (2 * person.Index)}" };
                var (name, dob) = SourceCopies.Doj(person, random);
                var cycle = 0;
                foreach (var kase in person.Cases.Where(c => c.KnownToDoj))
                {
                    var subject = split && cycle % 2 == 1 ? subjectIds[1] : subjectIds[0];
                    foreach (var (row, count) in DojRows(person, name, dob, kase, subject, ++cycle, random))
                    {
                        row[0] = recordId++.ToString(CultureInfo.InvariantCulture);
                        doj.Write(DojRowLayout.ToCsv(row));
                        dojRows++;
                        if (count is not null) truthReports.Write($"doj,{subject},{row[Doj.DojColumns.CountOrder]},{kase.ConvictionId(count)}\n");
                    }
                }
                foreach (var subject in split ? subjectIds : subjectIds[..1])
                {
                    truthRecords.Write($"doj,{subject},{subject},{person.Id}\n");
                    subjects++;
                }
            }
            foreach (var kase in person.Cases.Where(c => c.InLa))
            {
                var identity = SourceCopies.County(person, kase, random, withMiddle: true, ciiBlankPercent: 60);
                var booking = random.Next(100) < 60 ? kase.Booking : "";
                foreach (var count in kase.Counts)
                {
                    court.Write(CourtRow(person, identity, kase, count, booking, random));
                    truthRecords.Write($"court,{kase.CaseNumber},{kase.CaseNumber}#{count.Number},{person.Id}\n");
                    truthReports.Write($"court,{kase.CaseNumber},{kase.CaseNumber}#{count.Number},{kase.ConvictionId(count)}\n");
                    courtRows++;
                }
                if (kase.InDa)
                {
                    var daIdentity = SourceCopies.County(person, kase, random, withMiddle: false, ciiBlankPercent: 50);
                    var agencyCase = $"{(kase.Counts.All(c => c.Charge.Toc == "M") ? "CA" : "DA")}{kase.DaNumber:D7}";
                    var courtCase = SourceCopies.DaCourtCase(kase, random);
                    foreach (var count in kase.Counts)
                    {
                        da.Write(DaRow(daIdentity, kase, count, agencyCase, courtCase, random));
                        truthRecords.Write($"da,{agencyCase},{agencyCase}#{count.Number},{person.Id}\n");
                        truthReports.Write($"da,{agencyCase},{agencyCase}#{count.Number},{kase.ConvictionId(count)}\n");
                        daRows++;
                    }
                }
            }
            foreach (var kase in person.Cases)
            {
                foreach (var count in kase.Counts)
                {
                    var inDoj = kase.KnownToDoj && person.InDojFile;
                    truthConvictions.Write($"{person.Id},{kase.CaseNumber},{count.Number},{kase.County},{count.Charge.Section}," +
                                           $"{Yes(count.Charge.Cannabis)},{Yes(count.Convicted)},{Yes(inDoj)},{Yes(kase.InLa)},{Yes(kase.InLa && kase.InDa)},{kase.ConvictionId(count)}\n");
                    if (!kase.InLa || !count.Convicted) continue;
                    laConvictions++;
                    if (!inDoj)
                    {
                        courtOnly++;
                        if (count.Charge.Cannabis) courtOnlyCannabis++;
                    }
                }
            }
        }
        return new GeneratedPopulation(options.People, subjects, dojRows, courtRows, daRows, laConvictions, courtOnly, courtOnlyCannabis, directory);
    }

    private static string Yes(bool value) => value ? "y" : "n";

    /// <summary>A case's DOJ rows: the arrest, then one court action per count (with the count it reports).</summary>
    private static IEnumerable<(string[] Row, TrueCount? Count)> DojRows(TruePerson p, string name, string dob, TrueCase kase, string subjectId, int cycle, Random random)
    {
        var date = kase.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        // DOJ's copy of the court date is sometimes a few days off (the date the disposition was reported).
        var courtDate = random.Next(10) == 0 ? kase.Date.AddDays(1 + random.Next(3)).ToString("yyyyMMdd", CultureInfo.InvariantCulture) : date;
        // The arrest's booking number: on the arrest step (FE_NUM_BOOKING, and often as the arrest's OFN), sometimes
        // on the court action too.
        var bookingOnArrest = random.Next(100) < 70;
        var arrest = NewRow(subjectId, p, name, dob);
        DojRowLayout.Cycle(arrest, cycle, date);
        DojRowLayout.Step(arrest, cycle, 1, date, "ARREST/DETAINED/CITED", "CAPD " + kase.County, kase.County);
        DojRowLayout.Count(arrest, cycle, 1, 1, kase.Counts[0].Charge.Doj, kase.Counts[0].Charge.Toc, "");
        arrest[Doj.DojColumns.Ofn] = random.Next(2) == 0 ? kase.Booking : "";
        arrest[Doj.DojColumns.FeNumBooking] = bookingOnArrest ? kase.Booking : "";
        yield return (arrest, null);
        var (ofn, courtCase) = SourceCopies.DojOfn(kase, random);
        foreach (var count in kase.Counts)
        {
            var court = NewRow(subjectId, p, name, dob);
            DojRowLayout.Cycle(court, cycle, date);
            DojRowLayout.Step(court, cycle, 2, courtDate, "COURT ACTION", "CASC " + kase.County, kase.County);
            var disposition = count.Disposition switch
            {
                "CONVICTED" => count.Sentence.StartsWith("PRISON", StringComparison.Ordinal) ? "CONVICTED-PRISON"
                    : count.Sentence.StartsWith("PROBATION", StringComparison.Ordinal) ? "CONVICTED-PROBATION"
                    : count.Sentence == "FINE" ? "CONVICTED-FINE" : "CONVICTED-JAIL",
                "DISMISSED" => "DISMISSED/CHARGE DROPPED",
                "ACQUITTED" => "ACQUITTED",
                _ => "DIVERSION",
            };
            DojRowLayout.Count(court, cycle, 2, count.Number, count.Charge.Doj, count.Charge.Toc, disposition);
            court[Doj.DojColumns.Ofn] = ofn;
            court[Doj.DojColumns.FeNumCourtCase] = courtCase;
            court[Doj.DojColumns.FeNumBooking] = !bookingOnArrest && random.Next(2) == 0 ? kase.Booking : "";
            if (count.Convicted)
            {
                court[81] = count.Charge.Toc;
                court[82] = count.Charge.Toc == "F" ? "FELONY" : "MISDEMEANOR";
                DojRowLayout.Sentence(court, 1, disposition, random);
            }
            yield return (court, count);
        }
    }

    /// <summary>A DOJ row of the subject with no event numbers yet: DOJ sets them per event, never per person.</summary>
    private static string[] NewRow(string subjectId, TruePerson p, string name, string dob)
    {
        var row = DojRowLayout.NewRow(subjectId, p.Cii, name, p.Sex, dob, p.Index, p.Licence);
        foreach (var column in Doj.DojColumns.EventNumberColumns) row[column] = "";
        return row;
    }

    private static string CourtRow(TruePerson p, CopiedIdentity id, TrueCase kase, TrueCount count, string booking, Random random)
    {
        var usFormat = random.Next(2) == 0;
        var date = kase.Date.ToString(usFormat ? "MM/dd/yyyy" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var agency = kase.Counts.All(c => c.Charge.Toc == "M") && random.Next(2) == 0 ? "LOS ANGELES CITY ATTORNEY" : "LOS ANGELES COUNTY DISTRICT ATTORNEY";
        return ConvictionRows.ToCsvLine(
        [
            kase.CaseNumber, count.Number.ToString(CultureInfo.InvariantCulture), "LOS ANGELES SUPERIOR COURT", date, id.Surname, id.Given, id.Middle,
            id.Aliases, Date(id.Dob, usFormat), p.Sex, "H", id.Cii, random.Next(3) == 0 ? p.Licence : "", booking, date, count.Charge.Court,
            count.Charge.Doj[(count.Charge.Doj.IndexOf('-', StringComparison.Ordinal) + 1)..], count.Charge.Toc, count.Disposition, date, count.Sentence, agency,
        ]) + "\n";
    }

    private static string DaRow(CopiedIdentity id, TrueCase kase, TrueCount count, string agencyCase, string courtCase, Random random)
    {
        var date = kase.Date.AddDays(random.Next(10) == 0 ? random.Next(1, 3) : 0).ToString("MM/dd/yyyy", CultureInfo.InvariantCulture);
        return ConvictionRows.ToCsvLine(
        [
            agencyCase, courtCase, count.Number.ToString(CultureInfo.InvariantCulture), id.Surname, id.Given, Date(id.Dob, usFormat: true), id.Cii,
            count.Charge.Da, count.Charge.Toc, count.Disposition, date,
            agencyCase.StartsWith("CA", StringComparison.Ordinal) ? "LOS ANGELES CITY ATTORNEY" : "LOS ANGELES COUNTY DISTRICT ATTORNEY",
        ]) + "\n";
    }

    /// <summary>A copied date of birth in an office's format, a partial one with zeros for what it did not know
    /// (<c>00/00/1967</c>, <c>1978-05-00</c>).</summary>
    private static string Date(string digits, bool usFormat)
    {
        if (digits.Length != 8) return "";
        var (year, month, day) = (digits[..4], digits[4..6], digits[6..]);
        return usFormat ? $"{month}/{day}/{year}" : $"{year}-{month}-{day}";
    }
}
