using System.Globalization;
using System.Text;
using Expunge.EligibilityRules;

namespace Expunge.Cli.Generation;

/// <summary>How the county population is drawn.</summary>
/// <param name="CourtOnlyShare">Share of Los Angeles cases the court has that were never reported to DOJ.</param>
/// <param name="DaShare">Share of Los Angeles cases the DA / city attorney export holds.</param>
public sealed record PopulationOptions(int People, int Seed, double CourtOnlyShare = 0.15, double DaShare = 0.7);

/// <summary>What was written, with the counts a test or the demo checks the pipeline against.</summary>
public sealed record GeneratedPopulation(int People, int DojSubjects, long DojRows, long CourtRows, long DaRows, int LaConvictions,
    int CourtOnlyConvictions, int CourtOnlyCannabisConvictions, string Directory)
{
    public const string DojFile = "doj.dat";
    public const string CourtFile = "court.csv";
    public const string DaFile = "da.csv";
    public const string TruthRecordsFile = "truth-records.csv";
    public const string TruthConvictionsFile = "truth-convictions.csv";
}

/// <summary>
/// A seeded synthetic county: people with cases and counts, written as the three sources a county has: the DOJ extract
/// (only people with a Los Angeles cannabis conviction DOJ knows of, with their whole history), the court's
/// case-management export (every Los Angeles case, including those never reported to DOJ) and the DA / city-attorney
/// export (most Los Angeles cases). Each source copies identities the way real systems do: typos, nicknames, swapped
/// names, compound surnames written differently, transposed or mistyped dates of birth, missing CII numbers, case
/// numbers in each office's format. Two truth files say who every record really is and where each conviction was
/// reported. Nobody in it is real.
/// </summary>
public sealed class CountyPopulationGenerator(PopulationOptions options)
{
    private static readonly string[] Surnames =
    [
        "GARCIA", "HERNANDEZ", "LOPEZ", "MARTINEZ", "RODRIGUEZ", "GONZALEZ", "PEREZ", "SANCHEZ", "RAMIREZ", "TORRES", "FLORES",
        "RIVERA", "GOMEZ", "DIAZ", "REYES", "MORALES", "CRUZ", "ORTIZ", "GUTIERREZ", "CHAVEZ", "RAMOS", "RUIZ", "ALVAREZ",
        "MENDOZA", "CASTILLO", "JIMENEZ", "MORENO", "ROMERO", "HERRERA", "MEDINA", "AGUILAR", "VARGAS", "CASTRO", "GUZMAN",
        "FERNANDEZ", "JUAREZ", "MENDEZ", "SALAZAR", "SOTO", "DELGADO", "SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES",
        "MILLER", "DAVIS", "WILSON", "ANDERSON", "TAYLOR", "THOMAS", "MOORE", "JACKSON", "MARTIN", "LEE", "THOMPSON", "WHITE",
        "HARRIS", "CLARK", "LEWIS", "ROBINSON", "WALKER", "YOUNG", "ALLEN", "KING", "WRIGHT", "SCOTT", "GREEN", "BAKER",
        "ADAMS", "NELSON", "HILL", "CAMPBELL", "MITCHELL", "ROBERTS", "CARTER", "PHILLIPS", "EVANS", "TURNER", "PARKER",
        "COLLINS", "EDWARDS", "STEWART", "MORRIS", "MURPHY", "COOK", "ROGERS", "MORGAN", "COOPER", "PETERSON", "REED",
        "BAILEY", "BELL", "KELLY", "HOWARD", "WARD", "COX", "RICHARDSON", "WOOD", "WATSON", "BROOKS", "BENNETT", "GRAY",
        "JAMES", "WASHINGTON", "JEFFERSON", "BANKS", "NGUYEN", "TRAN", "LE", "PHAM", "KIM", "PARK", "CHOI", "CHEN", "WANG",
        "LI", "ZHANG", "LIU", "WONG", "PATEL", "SINGH", "KHAN", "O'BRIEN", "DE LA CRUZ", "VAN DYKE", "MC DONALD", "ST JOHN",
    ];

    private static readonly string[] MaleNames =
    [
        "JOSE", "JUAN", "LUIS", "CARLOS", "JESUS", "FRANCISCO", "ANTONIO", "MIGUEL", "JORGE", "MANUEL", "ALEJANDRO", "ROBERTO",
        "RICARDO", "EDUARDO", "FERNANDO", "GUILLERMO", "IGNACIO", "SALVADOR", "ENRIQUE", "RAFAEL", "ALBERTO", "ARMANDO", "GUSTAVO",
        "JAMES", "ROBERT", "MICHAEL", "WILLIAM", "DAVID", "RICHARD", "JOSEPH", "THOMAS", "CHARLES", "CHRISTOPHER", "DANIEL",
        "MATTHEW", "ANTHONY", "DONALD", "STEVEN", "KENNETH", "EDWARD", "RONALD", "TIMOTHY", "JEFFREY", "GREGORY", "SAMUEL",
        "BENJAMIN", "PATRICK", "NICHOLAS", "DESHAWN", "DARNELL", "TYRONE", "MARCUS", "ANDRE", "TERRELL", "MINH", "DUC", "JUNG",
        "WEI", "RAJ", "OMAR", "ALI", "KEVIN", "BRIAN", "JASON", "ERIC", "ADAM", "AARON", "NATHAN", "VICTOR", "OSCAR", "RAUL",
    ];

    private static readonly string[] FemaleNames =
    [
        "MARIA", "GUADALUPE", "ROSA", "ANA", "JUANA", "TERESA", "DOLORES", "GRACIELA", "ALEJANDRA", "VERONICA", "ISABEL",
        "ELENA", "PATRICIA", "JENNIFER", "ELIZABETH", "LINDA", "BARBARA", "SUSAN", "JESSICA", "SARAH", "KAREN", "NANCY", "LISA",
        "MARGARET", "SANDRA", "ASHLEY", "KIMBERLY", "DONNA", "CAROL", "MICHELLE", "AMANDA", "MELISSA", "DEBORAH", "STEPHANIE",
        "REBECCA", "LAURA", "KATHERINE", "CHRISTINE", "SAMANTHA", "VICTORIA", "ABIGAIL", "KEISHA", "LATOYA", "TANISHA", "EBONY",
        "LAN", "MAI", "HOA", "SOO", "MEI", "PRIYA", "FATIMA", "MONICA", "ANGELA", "BRENDA", "YOLANDA", "CLAUDIA", "SILVIA",
    ];

    // Syllables for the long tail of surnames: a real county has tens of thousands, most of them rare.
    private static readonly string[] Syllables = ["BAR", "TO", "LIN", "MAR", "KO", "VAL", "DEN", "RI", "SA", "NO", "GAL", "WIT", "PER", "CHU", "MEN", "DRA", "OS", "KA", "LEV", "ZAN", "HOL", "TEN", "BRI", "QUI", "STO", "NAK", "FIE", "GOR"];

    private static readonly string[] CourtPrefixes = ["BA", "LA", "VA", "MA", "SA", "YA", "PA", "GA"];
    private static readonly string[] OtherCounties = ["ORANGE", "SAN BERNARDINO", "RIVERSIDE", "KERN", "SAN DIEGO"];

    private sealed record ChargeForm(string Doj, string Court, string Da, string Toc, bool Cannabis, int Weight);

    private static readonly ChargeForm[] Charges =
    [
        new("11357(A) HS-POSSESS MARIJUANA", "HS 11357(a)", "H&S 11357(A)", "M", true, 10),
        new("11357(B) HS-POSSESS MARIJUANA", "11357(B) HS", "HS11357(B)", "M", true, 10),
        new("11358 HS-CULTIVATE MARIJUANA", "H&S 11358", "11358 H&S", "F", true, 6),
        new("11359 HS-POSSESS MARIJUANA FOR SALE", "HS 11359", "H&S 11359", "F", true, 14),
        new("11360(A) HS-TRANSPORT/SELL MARIJUANA", "11360(a) HS", "H&S 11360(A)", "F", true, 10),
        new("664/11360(A) HS-ATTEMPT TRANSPORT", "664/11360(a) HS", "664/11360(A) H&S", "F", true, 1),
        new("23152(A) VC-DUI ALCOHOL/DRUGS", "VC 23152(a)", "23152(A) VC", "M", false, 8),
        new("459 PC-BURGLARY", "PC 459", "459 PC", "F", false, 6),
        new("484 PC-THEFT", "PC 484", "484 PC", "M", false, 6),
        new("11350(A) HS-POSSESS NARCOTIC CONTROLLED SUBSTANCE", "HS 11350(a)", "H&S 11350(A)", "F", false, 5),
        new("245(A)(1) PC-ASSAULT WITH DEADLY WEAPON", "PC 245(a)(1)", "245(A)(1) PC", "F", false, 3),
        new("187(A) PC-MURDER", "PC 187(a)", "187(A) PC", "F", false, 1),
    ];

    private sealed record TrueCount(int Number, ChargeForm Charge, string Disposition, string Sentence);

    private sealed record TrueCase(string CaseNumber, string County, DateOnly Date, IReadOnlyList<TrueCount> Counts, bool KnownToDoj, bool InDa, int DaNumber)
    {
        public bool InLa => County == "LOS ANGELES";
    }

    private sealed record TruePerson(string Id, int Index, string Surname, string Given, string Middle, string? AliasSurname, string Sex,
        DateOnly Dob, string Cii, string Licence, IReadOnlyList<TrueCase> Cases)
    {
        /// <summary>AB 1793: DOJ's file holds people with a cannabis conviction in the county that DOJ knows of.</summary>
        public bool InDojFile => Cases.Any(c => c.InLa && c.KnownToDoj && c.Counts.Any(n => n.Charge.Cannabis && n.Disposition == "CONVICTED"));
    }

    public GeneratedPopulation Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var encoding = new UTF8Encoding(false);
        using var doj = new StreamWriter(Path.Combine(directory, GeneratedPopulation.DojFile), false, encoding, 1 << 16);
        using var court = new StreamWriter(Path.Combine(directory, GeneratedPopulation.CourtFile), false, encoding, 1 << 16);
        using var da = new StreamWriter(Path.Combine(directory, GeneratedPopulation.DaFile), false, encoding, 1 << 16);
        using var truthRecords = new StreamWriter(Path.Combine(directory, GeneratedPopulation.TruthRecordsFile), false, encoding, 1 << 16);
        using var truthConvictions = new StreamWriter(Path.Combine(directory, GeneratedPopulation.TruthConvictionsFile), false, encoding, 1 << 16);
        doj.Write(string.Join(',', Doj.DojColumns.Names) + ",\n");
        court.Write(string.Join(',', CountyRecords.CountyLayout.Court.Columns) + "\n");
        da.Write(string.Join(',', CountyRecords.CountyLayout.Da.Columns) + "\n");
        truthRecords.Write("source,record_id,row_id,person_id\n");
        truthConvictions.Write("person_id,court_case_number,count_number,county,section,cannabis,convicted,in_doj,in_court,in_da\n");

        long dojRows = 0, courtRows = 0, daRows = 0, recordId = 1;
        int subjects = 0, laConvictions = 0, courtOnly = 0, courtOnlyCannabis = 0;
        var caseCounter = 0;
        for (var i = 0; i < options.People; i++)
        {
            var person = Person(i, ref caseCounter);
            var random = new Random(unchecked((options.Seed * 7_919) + i));
            if (person.InDojFile)
            {
                // One person in a hundred has a second DOJ subject (a record DOJ never consolidated), same CII.
                var split = person.Cases.Count(c => c.KnownToDoj) > 1 && random.Next(100) == 0;
                var subjectIds = new[] { $"{2_000_000 + (2 * i)}", $"{2_000_001 + (2 * i)}" };
                var cycle = 0;
                foreach (var kase in person.Cases.Where(c => c.KnownToDoj))
                {
                    var subject = split && cycle % 2 == 1 ? subjectIds[1] : subjectIds[0];
                    foreach (var row in DojRows(person, kase, subject, ++cycle, random))
                    {
                        row[0] = recordId++.ToString(CultureInfo.InvariantCulture);
                        doj.Write(DojRowLayout.ToCsv(row));
                        dojRows++;
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
                var identity = Corrupt(person, random, caseShare: 0.6);
                foreach (var count in kase.Counts)
                {
                    court.Write(CourtRow(person, identity, kase, count, random));
                    truthRecords.Write($"court,{kase.CaseNumber},{kase.CaseNumber}#{count.Number},{person.Id}\n");
                    courtRows++;
                }
                if (kase.InDa)
                {
                    var daIdentity = Corrupt(person, random, caseShare: 0.5);
                    var agencyCase = $"{(kase.Counts.All(c => c.Charge.Toc == "M") ? "CA" : "DA")}{kase.DaNumber:D7}";
                    foreach (var count in kase.Counts)
                    {
                        da.Write(DaRow(daIdentity, kase, count, agencyCase, random));
                        truthRecords.Write($"da,{agencyCase},{agencyCase}#{count.Number},{person.Id}\n");
                        daRows++;
                    }
                }
            }
            foreach (var kase in person.Cases)
            {
                foreach (var count in kase.Counts)
                {
                    var convicted = count.Disposition == "CONVICTED";
                    var inDoj = kase.KnownToDoj && person.InDojFile;
                    truthConvictions.Write($"{person.Id},{kase.CaseNumber},{count.Number},{kase.County},{count.Charge.Doj[..count.Charge.Doj.IndexOf(' ', StringComparison.Ordinal)]}," +
                                           $"{Yes(count.Charge.Cannabis)},{Yes(convicted)},{Yes(inDoj)},{Yes(kase.InLa)},{Yes(kase.InLa && kase.InDa)}\n");
                    if (!kase.InLa || !convicted) continue;
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

    private TruePerson Person(int index, ref int caseCounter)
    {
        var random = new Random(unchecked((options.Seed * 1_000_003) + index));
        var female = random.Next(4) == 0;
        var surname = random.Next(100) < 45 ? RareSurname(random) : Zipf(Surnames, random);
        // Some Hispanic people carry both surnames; sources write them joined, hyphenated or with one of them.
        if (random.Next(100) < 6) surname = $"{surname} {Zipf(Surnames[..40], random)}";
        var given = random.Next(100) < 12 ? RareSurname(random) : Zipf(female ? FemaleNames : MaleNames, random);
        var dob = new DateOnly(random.Next(1950, 2000), random.Next(1, 13), random.Next(1, 29));
        var cases = new List<TrueCase>();
        var caseCount = 1 + random.Next(random.Next(3) == 0 ? 4 : 2);
        for (var c = 0; c < caseCount; c++)
        {
            var year = Math.Min(2016, dob.Year + 18 + random.Next(Math.Max(1, 2016 - dob.Year - 18)));
            var date = new DateOnly(year, random.Next(1, 13), random.Next(1, 29));
            var county = random.Next(100) < 80 ? "LOS ANGELES" : OtherCounties[random.Next(OtherCounties.Length)];
            var counts = Enumerable.Range(1, 1 + (random.Next(3) == 0 ? 1 : 0)).Select(n => Count(n, random)).ToList();
            var courtOnly = county == "LOS ANGELES" && random.NextDouble() < options.CourtOnlyShare;
            caseCounter++;
            cases.Add(new TrueCase($"{CourtPrefixes[random.Next(CourtPrefixes.Length)]}{100_000 + caseCounter:D6}", county, date, counts,
                KnownToDoj: !courtOnly, InDa: random.NextDouble() < options.DaShare, DaNumber: caseCounter));
        }
        return new TruePerson($"P{index + 1:D7}", index, surname, given, random.Next(3) == 0 ? "" : ((char)('A' + random.Next(26))).ToString(),
            random.Next(100) < 8 ? Zipf(Surnames, random) : null, female ? "F" : "M", dob,
            $"A{(10_000_000 + ((long)index * 7_919 % 89_999_999)):D8}", $"D{random.Next(1_000_000, 9_999_999)}", cases);
    }

    private static TrueCount Count(int number, Random random)
    {
        var total = Charges.Sum(c => c.Weight);
        var pick = random.Next(total);
        var charge = Charges[^1];
        foreach (var c in Charges)
        {
            if ((pick -= c.Weight) < 0) { charge = c; break; }
        }
        var disposition = random.Next(100) switch { < 80 => "CONVICTED", < 92 => "DISMISSED", < 96 => "DIVERTED", _ => "ACQUITTED" };
        var sentence = random.Next(3) switch
        {
            0 => $"PROBATION {12 * (1 + random.Next(3))}M; JAIL {10 * (1 + random.Next(9))}D",
            1 => charge.Toc == "F" ? $"PRISON {1 + random.Next(4)}Y" : $"JAIL {10 * (1 + random.Next(9))}D",
            _ => "FINE",
        };
        return new TrueCount(number, charge, disposition, disposition == "CONVICTED" ? sentence : "");
    }

    private static string Zipf(string[] pool, Random random)
    {
        // Rank r is drawn with weight r^-0.6: a few names are common (GARCIA is about one person in forty, as in Los
        // Angeles), most are not.
        var total = 0.0;
        for (var r = 1; r <= pool.Length; r++) total += Math.Pow(r, -0.6);
        var target = random.NextDouble() * total;
        for (var r = 1; r <= pool.Length; r++)
        {
            if ((target -= Math.Pow(r, -0.6)) <= 0) return pool[r - 1];
        }
        return pool[^1];
    }

    private static string RareSurname(Random random) =>
        string.Concat(Enumerable.Range(0, 2 + random.Next(2)).Select(_ => Syllables[random.Next(Syllables.Length)]));

    /// <summary>An identity as one office copied it.</summary>
    private sealed record CopiedIdentity(string Surname, string Given, string Middle, string Dob, string Cii, string Aliases, bool UsDateFormat);

    private static CopiedIdentity Corrupt(TruePerson p, Random random, double caseShare)
    {
        var surname = p.Surname;
        var given = p.Given;
        if (surname.Contains(' ', StringComparison.Ordinal) && !surname.StartsWith("DE LA", StringComparison.Ordinal))
        {
            surname = random.Next(3) switch { 0 => surname.Replace(' ', '-'), 1 => surname[..surname.IndexOf(' ', StringComparison.Ordinal)], _ => surname };
        }
        var roll = random.Next(100);
        if (roll < 5) surname = Typo(surname, random);
        else if (roll < 10) given = Typo(given, random);
        else if (roll < 18) given = NicknameOf(given, random);
        else if (roll < 19) (surname, given) = (given, surname);
        var dob = p.Dob;
        var dobText = dob.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var dobRoll = random.Next(100);
        if (dobRoll < 2 && dob.Day <= 12) dobText = $"{dob.Year}{dob.Day:D2}{dob.Month:D2}";
        else if (dobRoll < 5) dobText = NearbyDate(dob, random).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        else if (dobRoll < 7) dobText = "";
        var cii = random.NextDouble() < caseShare ? "" : random.Next(50) == 0 ? p.Cii.Insert(5, "-") : p.Cii;
        var aliases = p.AliasSurname is { } alias ? $"{alias}, {p.Given}" : "";
        return new CopiedIdentity(surname, given, p.Middle, dobText, cii, aliases, random.Next(2) == 0);
    }

    private static string NicknameOf(string given, Random random)
    {
        (string, string[])[] known =
        [
            ("ROBERT", ["BOB", "ROB"]), ("WILLIAM", ["BILL", "WILL"]), ("JAMES", ["JIM", "JIMMY"]), ("MICHAEL", ["MIKE"]), ("RICHARD", ["RICK"]),
            ("JOSEPH", ["JOE"]), ("THOMAS", ["TOM"]), ("CHARLES", ["CHUCK"]), ("DANIEL", ["DAN", "DANNY"]), ("ANTHONY", ["TONY"]),
            ("FRANCISCO", ["PANCHO", "PACO"]), ("JOSE", ["PEPE"]), ("GUADALUPE", ["LUPE"]), ("JESUS", ["CHUY"]), ("IGNACIO", ["NACHO"]),
            ("GUILLERMO", ["MEMO"]), ("EDUARDO", ["LALO"]), ("ALBERTO", ["BETO"]), ("ROBERTO", ["BETO"]), ("SALVADOR", ["CHAVA"]),
            ("ENRIQUE", ["QUIQUE"]), ("GRACIELA", ["CHELA"]), ("DOLORES", ["LOLA"]), ("TERESA", ["TERE"]), ("ELIZABETH", ["LIZ", "BETH"]),
            ("JENNIFER", ["JEN"]), ("KATHERINE", ["KATE", "KATHY"]), ("SAMUEL", ["SAM"]), ("BENJAMIN", ["BEN"]), ("STEVEN", ["STEVE"]),
        ];
        foreach (var (formal, nicknames) in known)
        {
            if (formal == given) return nicknames[random.Next(nicknames.Length)];
        }
        return given;
    }

    private static string Typo(string text, Random random)
    {
        if (text.Length < 3) return text;
        var chars = text.ToCharArray();
        var at = 1 + random.Next(chars.Length - 2);
        switch (random.Next(3))
        {
            case 0: (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]); break;
            case 1: chars[at] = (char)('A' + random.Next(26)); break;
            default: return text.Remove(at, 1);
        }
        return new string(chars);
    }

    /// <summary>A mistyped date of birth that is still a calendar date (the office's system would refuse another):
    /// one digit of the day or of the year off.</summary>
    private static DateOnly NearbyDate(DateOnly date, Random random)
    {
        if (random.Next(2) == 0) return date.AddYears(random.Next(2) == 0 ? 1 : -1);
        var day = (date.Day % 10 is var unit && unit < 8 ? date.Day + 1 : date.Day - 1);
        return new DateOnly(date.Year, date.Month, Math.Clamp(day, 1, 28));
    }

    private static IEnumerable<string[]> DojRows(TruePerson p, TrueCase kase, string subjectId, int cycle, Random random)
    {
        var name = $"{p.Surname.Replace(' ', '-')},{p.Given}{(p.Middle.Length > 0 ? " " + p.Middle : "")}";
        var dob = p.Dob.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var date = kase.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        // DOJ's copy of the court date is sometimes a few days off (the date the disposition was reported).
        var courtDate = random.Next(10) == 0 ? kase.Date.AddDays(1 + random.Next(3)).ToString("yyyyMMdd", CultureInfo.InvariantCulture) : date;
        // DOJ holds the licence the court saw: one made up from the CII number made every court row with a licence
        // disagree with DOJ on it, as if they were two people.
        var arrest = DojRowLayout.NewRow(subjectId, p.Cii, name, p.Sex, dob, p.Index, p.Licence);
        DojRowLayout.Cycle(arrest, cycle, date);
        DojRowLayout.Step(arrest, cycle, 1, date, "ARREST/DETAINED/CITED", "CAPD " + kase.County, kase.County);
        DojRowLayout.Count(arrest, cycle, 1, 1, kase.Counts[0].Charge.Doj, kase.Counts[0].Charge.Toc, "");
        yield return arrest;
        foreach (var count in kase.Counts)
        {
            var court = DojRowLayout.NewRow(subjectId, p.Cii, name, p.Sex, dob, p.Index, p.Licence);
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
            // DOJ's OFN is the court case number, sometimes written with a dash or leading zeros.
            court[52] = random.Next(5) == 0 ? $"{kase.CaseNumber[..2]}-0{kase.CaseNumber[2..]}" : kase.CaseNumber;
            if (count.Disposition == "CONVICTED")
            {
                court[81] = count.Charge.Toc;
                court[82] = count.Charge.Toc == "F" ? "FELONY" : "MISDEMEANOR";
                DojRowLayout.Sentence(court, 1, disposition, random);
            }
            yield return court;
        }
    }

    private static string CourtRow(TruePerson p, CopiedIdentity id, TrueCase kase, TrueCount count, Random random)
    {
        var dob = Date(id.Dob, id.UsDateFormat);
        var date = kase.Date.ToString(id.UsDateFormat ? "MM/dd/yyyy" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var agency = kase.Counts.All(c => c.Charge.Toc == "M") && random.Next(2) == 0 ? "LOS ANGELES CITY ATTORNEY" : "LOS ANGELES COUNTY DISTRICT ATTORNEY";
        return ConvictionRows.ToCsvLine(
        [
            kase.CaseNumber, count.Number.ToString(CultureInfo.InvariantCulture), "LOS ANGELES SUPERIOR COURT", date, id.Surname, id.Given, id.Middle,
            id.Aliases, dob, p.Sex, "H", id.Cii, random.Next(3) == 0 ? p.Licence : "", $"BK{p.Index:D8}", date, count.Charge.Court,
            count.Charge.Doj[(count.Charge.Doj.IndexOf('-', StringComparison.Ordinal) + 1)..], count.Charge.Toc, count.Disposition, date, count.Sentence, agency,
        ]) + "\n";
    }

    private static string DaRow(CopiedIdentity id, TrueCase kase, TrueCount count, string agencyCase, Random random)
    {
        var courtCase = random.Next(10) == 0 ? "" : $"LASC-{kase.CaseNumber[..2]}-0{kase.CaseNumber[2..]}";
        var date = kase.Date.AddDays(random.Next(10) == 0 ? random.Next(1, 3) : 0).ToString("MM/dd/yyyy", CultureInfo.InvariantCulture);
        return ConvictionRows.ToCsvLine(
        [
            agencyCase, courtCase, count.Number.ToString(CultureInfo.InvariantCulture), id.Surname, id.Given, Date(id.Dob, usFormat: true), id.Cii,
            count.Charge.Da, count.Charge.Toc, count.Disposition, date,
            agencyCase.StartsWith("CA", StringComparison.Ordinal) ? "LOS ANGELES CITY ATTORNEY" : "LOS ANGELES COUNTY DISTRICT ATTORNEY",
        ]) + "\n";
    }

    /// <summary>A copied date of birth in an office's format; a mistyped one that is no calendar date is written as digits.</summary>
    private static string Date(string digits, bool usFormat)
    {
        if (digits.Length != 8) return "";
        if (!DateOnly.TryParseExact(digits, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return digits;
        return date.ToString(usFormat ? "MM/dd/yyyy" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
