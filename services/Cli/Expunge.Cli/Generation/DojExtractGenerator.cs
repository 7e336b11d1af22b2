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
                    output.Write(DojRowLayout.ToCsv(row));
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

            var arrest = DojRowLayout.NewRow(person.SubjectId, person.Cii, person.Name, person.Gender, person.Dob, person.Index);
            DojRowLayout.Cycle(arrest, cycle, date);
            DojRowLayout.Step(arrest, cycle, 1, date, "ARREST/DETAINED/CITED", "CAPD " + county, county);
            DojRowLayout.Count(arrest, cycle, 1, 1, charges[0].Descr, charges[0].Toc, "");
            yield return arrest;

            for (var c = 0; c < counts; c++)
            {
                for (var part = 1; part <= sentenceParts[c]; part++)
                {
                    var court = DojRowLayout.NewRow(person.SubjectId, person.Cii, person.Name, person.Gender, person.Dob, person.Index);
                    DojRowLayout.Cycle(court, cycle, date);
                    DojRowLayout.Step(court, cycle, 2, courtDate, "COURT ACTION", "CASC " + county, county);
                    DojRowLayout.Count(court, cycle, 2, c + 1, charges[c].Descr, charges[c].Toc, dispositions[c]);
                    court[52] = caseNumber;
                    if (charges[c].Descr == "SEE COMMENT FOR CHARGE")
                    {
                        court[93] = "11360(A) HS-TRANSPORT MARIJUANA";
                    }
                    if (dispositions[c].StartsWith("CONVICTED", StringComparison.Ordinal))
                    {
                        court[81] = charges[c].Toc == "F" ? "F" : "M";
                        court[82] = charges[c].Toc == "F" ? "FELONY" : "MISDEMEANOR";
                        DojRowLayout.Sentence(court, part, dispositions[c], random);
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
            var row = DojRowLayout.NewRow(person.SubjectId, person.Cii, person.Name, person.Gender, person.Dob, person.Index);
            DojRowLayout.Cycle(row, cycle, registered);
            DojRowLayout.Step(row, cycle, 1, registered, "REGISTRATION", "CASO LOS ANGELES", "LOS ANGELES");
            DojRowLayout.Count(row, cycle++, 1, 1, "290 PC-REGISTRATION OF SEX OFFENDER", "", "");
            yield return row;
        }
        if (person.DiedOn is { } died)
        {
            var row = DojRowLayout.NewRow(person.SubjectId, person.Cii, person.Name, person.Gender, person.Dob, person.Index);
            DojRowLayout.Cycle(row, cycle, died);
            DojRowLayout.Step(row, cycle, 1, died, "DECEASED", "CACORONER LOS ANGELES", "LOS ANGELES");
            DojRowLayout.Count(row, cycle, 1, 1, "", "", "");
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

    private static string BadRow(int index, PersonFacts person)
    {
        var row = DojRowLayout.NewRow(person.SubjectId, person.Cii, person.Name, person.Gender, person.Dob, person.Index);
        row[0] = $"BAD{index}";
        return (index % 3) switch
        {
            0 => DojRowLayout.ToCsv(row[..90]),                                    // truncated: too few fields
            1 => DojRowLayout.ToCsv([.. row, "EXTRA"]),                           // one field too many
            _ => DojRowLayout.ToCsv(row.Select((v, i) => i == 2 ? "" : v).ToArray()), // no SUBJECT_ID: no rap sheet to put it on
        };
    }

}
