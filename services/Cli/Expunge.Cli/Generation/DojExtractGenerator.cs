using System.Globalization;
using Expunge.Doj;

namespace Expunge.Cli.Generation;

/// <summary>What the generator wrote, so callers (the demo, tests) can check the pipeline's counts against it.</summary>
public sealed record GeneratedExtract(int People, long Rows, int BadRows, int ConvictionRows);

/// <summary>
/// Writes a synthetic, seeded DOJ extract shaped like the real one: a header with the trailing comma, quoted names,
/// space-padded values, partial dates, several cycles per person with arrest and court steps, cannabis and other
/// offenses, extra sentence components, and some people whose rows are not adjacent (a late cycle at the end of the
/// file). Optionally plants malformed rows, each a different kind of problem. Nobody in it is real.
/// </summary>
public sealed class DojExtractGenerator(int seed)
{
    private static readonly string[] LastNames = ["GARCIA", "HERNANDEZ", "SMITH", "JOHNSON", "LOPEZ", "NGUYEN", "KIM", "WILLIAMS", "MARTINEZ", "BROWN", "DAVIS", "RODRIGUEZ", "LEE", "WASHINGTON", "O'BRIEN", "DE LA CRUZ"];
    private static readonly string[] FirstNames = ["JOSE", "MARIA", "JAMES", "LINDA", "MICHAEL", "ROSA", "DAVID", "MARY", "ROBERT", "ANA", "JUAN", "PATRICIA", "KEVIN", "TRAN", "DESHAWN", "GUADALUPE"];
    private static readonly string[] Counties = ["LOS ANGELES", "LOS ANGELES", "LOS ANGELES", "LOS ANGELES", "ORANGE", "SAN BERNARDINO", "RIVERSIDE"];
    private static readonly (string Descr, string Toc, int Weight)[] Offenses =
    [
        // Every written form of the cannabis sections that DOJ files hold (doj-extract.md, "Written forms seen").
        ("11357(A) HS-POSSESS MARIJUANA", "M", 8), ("11357(B) HS-POSSESS MARIJUANA", "M", 8), ("11357(C)HS-POSSESS MARIJUANA", "M", 4),
        ("11357 HS-POSSESS MARIJUANA", "M", 3), ("11357A HS-POSSESS CONCENTRATED CANNABIS", "F", 3), ("11357B2 HS-POSSESS MARIJUANA", "M", 2),
        ("11358 HS-CULTIVATE MARIJUANA", "F", 6), ("11359 HS-POSSESS MARIJUANA FOR SALE", "F", 12), ("11359HS-POSS MARIJ FOR SALE", "F", 3),
        ("11360(A) HS-TRANSPORT/SELL MARIJUANA", "F", 10), ("11360A2 HS-GIVE AWAY MARIJUANA", "M", 2),
        ("664/11357(C) HS-ATTEMPT POSSESS MARIJUANA", "M", 1), ("664-11359 HS-ATTEMPT POSS FOR SALE", "F", 1),
        ("664.11360(A) HS-ATTEMPT TRANSPORT", "F", 1), ("66411357(A) HS-ATTEMPT POSSESS", "M", 1), ("11357 PC-NOT A CANNABIS SECTION", "M", 1),
        ("23152(A) VC-DUI ALCOHOL/DRUGS", "M", 8), ("459 PC-BURGLARY", "F", 6), ("11350(A) HS-POSSESS NARCOTIC CONTROLLED SUBSTANCE", "F", 6),
        ("245(A)(1) PC-ASSAULT WITH DEADLY WEAPON", "F", 3), ("484 PC-THEFT", "M", 5), ("4060 BP-POSSESS CONTROLLED SUBSTANCE", "M", 2),
        ("SEE COMMENT FOR CHARGE", "M", 1), ("187(A) PC-MURDER", "F", 1), ("246/186.22(B)(4) PC-SHOOT AT DWELLING FOR GANG", "F", 1),
        ("288(A) PC-LEWD ACT WITH CHILD", "F", 1), ("243.4(A) PC-SEXUAL BATTERY", "M", 1),
    ];

    private static readonly string[] Dispositions = ["CONVICTED-PROBATION", "CONVICTED-JAIL", "CONVICTED-JAIL", "CONVICTED-PRISON", "CONVICTED-FINE", "DISMISSED/CHARGE DROPPED"];

    /// <summary>Writes people until the file has at least <paramref name="rows"/> rows (about 800 bytes each).</summary>
    public GeneratedExtract WriteRows(TextWriter output, long rows, int badRows)
    {
        // Count people first (cheap: no text), so the late-cycle pass and bad rows are placed as for a people count.
        long counted = 0;
        var people = 0;
        while (counted < rows)
        {
            counted += CyclesOf(Person(people), late: false).Count() + CyclesOf(Person(people), late: true).Count();
            people++;
        }
        return Write(output, people, badRows);
    }

    public GeneratedExtract Write(TextWriter output, int people, int badRows)
    {
        var rows = 0L;
        var convictions = 0;
        var recordId = 1L;
        output.Write(string.Join(',', DojColumns.Names) + ",\n");
        var badEvery = badRows > 0 ? Math.Max(1, people / badRows) : int.MaxValue;
        var planted = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < people; i++)
            {
                var person = Person(i);
                foreach (var row in pass == 0 ? CyclesOf(person, late: false).Concat(OtherSteps(person)) : CyclesOf(person, late: true))
                {
                    row[0] = recordId++.ToString(CultureInfo.InvariantCulture);
                    output.Write(ToCsv(row));
                    rows++;
                    if (row[80].StartsWith("CONVICTED", StringComparison.Ordinal))
                    {
                        convictions++;
                    }
                }
                if (pass == 0 && planted < badRows && i % badEvery == badEvery - 1)
                {
                    output.Write(BadRow(planted++, person));
                    rows++;
                }
            }
        }
        return new GeneratedExtract(people, rows, planted, convictions);
    }

    private sealed record PersonFacts(int Index, Random Random, string SubjectId, string Cii, string Name, string Gender, string Dob,
        int BirthYear, int Cycles, bool HasLateCycle, string? RegisteredOn, string? DiedOn);

    private PersonFacts Person(int index)
    {
        // One generator per person, seeded from (seed, index), so the second pass regenerates the same person; not HashCode.Combine, which is randomised per process.
        var random = new Random(unchecked((seed * 1_000_003) + index));
        var birthYear = random.Next(1945, 2001);
        var dob = random.Next(20) == 0
            ? $"{birthYear}0000"
            : $"{birthYear}{random.Next(1, 13):D2}{random.Next(1, 29):D2}";
        var last = LastNames[random.Next(LastNames.Length)];
        var first = FirstNames[random.Next(FirstNames.Length)];
        var middle = random.Next(3) == 0 ? "" : $" {(char)('A' + random.Next(26))}";
        var cycles = 1 + random.Next(5);
        var registered = random.Next(50) == 0 ? $"{Math.Min(2022, birthYear + 20 + random.Next(30))}{random.Next(1, 13):D2}{random.Next(1, 29):D2}" : null;
        var died = random.Next(100) == 0 ? $"{2000 + random.Next(22)}{random.Next(1, 13):D2}00" : null;
        return new PersonFacts(index, random, (1_000_000 + index).ToString(CultureInfo.InvariantCulture),
            $"A{random.Next(10_000_000, 99_999_999)}", $"{last},{first}{middle}", random.Next(2) == 0 ? "M" : "F", dob, birthYear,
            cycles, cycles > 1 && random.Next(10) == 0, registered, died);
    }

    private static IEnumerable<string[]> CyclesOf(PersonFacts person, bool late)
    {
        var random = person.Random;
        for (var cycle = 1; cycle <= person.Cycles; cycle++)
        {
            var isLate = person.HasLateCycle && cycle == person.Cycles;
            // Draw the cycle's facts whether or not it is written now, so both passes see the same random sequence.
            var year = Math.Min(2022, person.BirthYear + 18 + random.Next(35));
            var date = $"{year}{random.Next(1, 13):D2}{random.Next(1, 29):D2}";
            // Some court dates are known only to the month or the year.
            var courtDate = random.Next(40) switch { 0 => $"{year}0000", 1 => $"{date[..6]}00", _ => date };
            var county = Counties[random.Next(Counties.Length)];
            var counts = 1 + random.Next(2);
            var charges = Enumerable.Range(0, counts).Select(_ => PickOffense(random)).ToArray();
            var dispositions = charges.Select(_ => Dispositions[random.Next(Dispositions.Length)]).ToArray();
            var sentenceParts = charges.Select(_ => random.Next(4) == 0 ? 2 : 1).ToArray();
            var caseNumber = $"{(county == "LOS ANGELES" ? "LA" : "CR")}{random.Next(100_000, 999_999)}";
            if (late != isLate)
            {
                continue;
            }

            var arrest = NewRow(person);
            Cycle(arrest, cycle, date);
            Step(arrest, cycle, 1, date, "ARREST/DETAINED/CITED", "CAPD " + county, county);
            Count(arrest, cycle, 1, 1, charges[0].Descr, charges[0].Toc, "");
            yield return arrest;

            for (var c = 0; c < counts; c++)
            {
                for (var part = 1; part <= sentenceParts[c]; part++)
                {
                    var court = NewRow(person);
                    Cycle(court, cycle, date);
                    Step(court, cycle, 2, courtDate, "COURT ACTION", "CASC " + county, county);
                    Count(court, cycle, 2, c + 1, charges[c].Descr, charges[c].Toc, dispositions[c]);
                    court[52] = caseNumber;
                    if (charges[c].Descr == "SEE COMMENT FOR CHARGE")
                    {
                        court[93] = "11360(A) HS-TRANSPORT MARIJUANA";
                    }
                    if (dispositions[c].StartsWith("CONVICTED", StringComparison.Ordinal))
                    {
                        court[81] = charges[c].Toc == "F" ? "F" : "M";
                        court[82] = charges[c].Toc == "F" ? "FELONY" : "MISDEMEANOR";
                        Sentence(court, part, dispositions[c], random);
                    }
                    yield return court;
                }
            }
        }
    }

    private static IEnumerable<string[]> OtherSteps(PersonFacts person)
    {
        var cycle = person.Cycles + 1;
        if (person.RegisteredOn is { } registered)
        {
            var row = NewRow(person);
            Cycle(row, cycle, registered);
            Step(row, cycle, 1, registered, "REGISTRATION", "CASO LOS ANGELES", "LOS ANGELES");
            Count(row, cycle++, 1, 1, "290 PC-REGISTRATION OF SEX OFFENDER", "", "");
            yield return row;
        }
        if (person.DiedOn is { } died)
        {
            var row = NewRow(person);
            Cycle(row, cycle, died);
            Step(row, cycle, 1, died, "DECEASED", "CACORONER LOS ANGELES", "LOS ANGELES");
            Count(row, cycle, 1, 1, "", "", "");
            yield return row;
        }
    }

    private static (string Descr, string Toc) PickOffense(Random random)
    {
        var total = Offenses.Sum(o => o.Weight);
        var pick = random.Next(total);
        foreach (var (descr, toc, weight) in Offenses)
        {
            if ((pick -= weight) < 0) return (descr, toc);
        }
        return (Offenses[0].Descr, Offenses[0].Toc);
    }

    private static string[] NewRow(PersonFacts p)
    {
        var row = new string[DojColumns.Count];
        Array.Fill(row, "");
        foreach (var separator in new[] { 3, 10, 20, 35, 38, 49, 83 }) row[separator] = "#";
        row[1] = "ACTIVE";
        row[2] = p.SubjectId;
        row[4] = p.Cii;
        row[5] = p.Name;
        row[6] = p.Gender;
        row[7] = p.Dob;
        row[11] = p.Cii;
        row[12] = p.Name;
        row[13] = p.Gender;
        row[14] = p.Dob;
        row[15] = "NULL";
        row[16] = $"D{p.Cii[1..]}";
        // Descriptors and identifiers every real row repeats: they make a row the size of a real one (~800 bytes).
        (row[21], row[22]) = ("H", "HISPANIC");
        (row[23], row[24], row[25], row[26]) = ("BRO", "BROWN", "BLK", "BLACK");
        (row[27], row[28]) = ("509", "175");
        (row[29], row[30]) = ("Y", "N");
        (row[31], row[32], row[33], row[34]) = ("CA", "CALIFORNIA", "STATE", "US CITIZEN");
        (row[43], row[44], row[45]) = ("C", "COURT", "CA0190000");
        row[47] = "19";
        (row[66], row[67], row[72], row[73]) = ("1", "LOS ANGELES POLICE DEPARTMENT", $"BK{p.Cii[1..]}", $"FE{p.Index:D9}");
        (row[69], row[70], row[71]) = ($"CT{p.Index:D8}", $"DKT{p.Index:D9}", $"INC{p.Index:D10}");
        (row[74], row[76]) = ("NONE", $"CRT{p.Index:D8}");
        row[9] = "NULL";
        (row[17], row[18]) = ($"IDN{p.Index:D7}", $"INN{p.Index:D7}");
        row[90] = "NULL";
        (row[91], row[92]) = ("R", "REGULAR CII RECORD");
        row[94] = "*";
        return row;
    }

    private static void Cycle(string[] row, int cycle, string date)
    {
        row[36] = cycle.ToString(CultureInfo.InvariantCulture);
        row[37] = date;
    }

    private static void Step(string[] row, int cycle, int step, string date, string type, string agency, string county)
    {
        row[39] = step.ToString(CultureInfo.InvariantCulture);
        row[40] = date;
        row[42] = type;
        row[46] = agency;
        row[48] = county;
        _ = cycle;
    }

    private static void Count(string[] row, int cycle, int step, int count, string offense, string toc, string disposition)
    {
        row[50] = $"{cycle:D3}{step:D3}{count:D3}000";
        row[54] = offense;
        row[55] = toc;
        row[80] = disposition;
        row[79] = disposition.Length > 0 ? disposition[..Math.Min(4, disposition.Length)] : "";
        row[78] = disposition.Length > 0 ? "1" : "";
        (row[61], row[62], row[63], row[64]) = disposition.StartsWith("CONVICTED", StringComparison.Ordinal)
            ? ("1", row[53], offense, toc) : ("", "", "", "");
        row[57] = row[53];
        row[44] = row[42] == "COURT ACTION" ? "SUPERIOR COURT OF CALIFORNIA" : "LAW ENFORCEMENT AGENCY";
        row[53] = offense.Length > 5 ? offense[..5].Trim() : "";
        row[58] = offense;
        row[59] = toc;
        row[51] = disposition.Length > 0 ? row[40] : "";
    }

    private static void Sentence(string[] row, int part, string disposition, Random random)
    {
        row[84] = part.ToString(CultureInfo.InvariantCulture);
        (row[86], row[87], row[88]) = disposition switch
        {
            "CONVICTED-PRISON" => ("PRISON", random.Next(1, 6).ToString(CultureInfo.InvariantCulture), "Y"),
            "CONVICTED-PROBATION" => ("PROBATION", random.Next(12, 61).ToString(CultureInfo.InvariantCulture), "M"),
            "CONVICTED-FINE" => ("FINE", "", ""),
            _ => ("JAIL", random.Next(1, 366).ToString(CultureInfo.InvariantCulture), random.Next(20) == 0 ? "X" : "D"),
        };
        row[85] = row[86][..Math.Min(3, row[86].Length)];
        row[89] = row[88] switch { "D" => "DAYS", "M" => "MONTHS", "Y" => "YEARS", _ => "" };
    }

    private static string BadRow(int index, PersonFacts person)
    {
        var row = NewRow(person);
        row[0] = $"BAD{index}";
        return (index % 3) switch
        {
            0 => ToCsv(row[..90]),                                    // truncated: too few fields
            1 => ToCsv([.. row, "EXTRA"]),                           // one field too many
            _ => ToCsv(row.Select((v, i) => i == 40 ? "20171345" : v).ToArray()), // month 13
        };
    }

    private static string ToCsv(string[] row) =>
        string.Join(',', row.Select((v, i) =>
            v.Contains(',') || v.Contains('"') ? $"\"{v.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            // Real extracts pad some fixed-width values with spaces; readers must trim them.
            : i is 13 or 55 ? $"{v} " : v)) + "\n";
}
