namespace Expunge.Cli.Generation;

/// <summary>A charge as each office writes it (DOJ offense text, the court's code, the DA's code) and its level.</summary>
internal sealed record ChargeForm(string Doj, string Court, string Da, string Toc, bool Cannabis, int Weight)
{
    public string Section => Doj[..Doj.IndexOf(' ', StringComparison.Ordinal)];
}

internal sealed record TrueCount(int Number, ChargeForm Charge, string Disposition, string Sentence)
{
    public bool Convicted => Disposition == "CONVICTED";
}

/// <summary>One defendant's case: the court's number for it (with the co-defendant suffix when several people were
/// charged together), the arrest's booking number, where and when, its counts, and which sources know of it.</summary>
internal sealed record TrueCase(string Prefix, string Digits, int Defendant, string Booking, string County, DateOnly Date,
    IReadOnlyList<TrueCount> Counts, bool KnownToDoj, bool InDa, int DaNumber)
{
    /// <summary>As the court files it: <c>BA054083</c>, or <c>BA054083-02</c> for the second co-defendant.</summary>
    public string CaseNumber => Defendant > 0 ? $"{Prefix}{Digits}-{Defendant:D2}" : $"{Prefix}{Digits}";

    public bool InLa => County == "LOS ANGELES";

    /// <summary>The truth's name for a count: its case as filed and its number.</summary>
    public string ConvictionId(TrueCount count) => $"{CaseNumber}#{count.Number}";
}

/// <summary>How a person is related to another in the population: the hard negatives linkage must keep apart.</summary>
internal enum Relation { None, Son, Twin, Sibling, Namesake }

/// <summary>
/// A person as they really are. <see cref="Surname"/> may be two surnames (<c>GARCIA LOPEZ</c>), <see cref="Given"/> two
/// given names (<c>JUAN CARLOS</c>); <see cref="Generation"/> is JR, SR, II or III, or empty; <see cref="Alias"/> another
/// name (<c>SURNAME, GIVEN</c>) the person has used.
/// </summary>
internal sealed record TruePerson(string Id, int Index, string Surname, string Given, string Middle, string Generation, string? Alias,
    string Sex, DateOnly Dob, string Cii, string Licence, List<TrueCase> Cases, Relation Relation, int RelativeOf)
{
    /// <summary>AB 1793: DOJ's file holds people with a cannabis conviction in the county that DOJ knows of.</summary>
    public bool InDojFile => Cases.Any(c => c.InLa && c.KnownToDoj && c.Counts.Any(n => n.Charge.Cannabis && n.Convicted));
}

/// <summary>
/// Draws the people of a county with their cases, and the relations that make linkage hard: fathers and sons with
/// one name (the JR/SR often dropped), twins (one surname and date of birth, two given names), siblings, namesakes
/// (a common name, dates of birth months apart) and co-defendants on one case number (often relatives). Every draw
/// comes from one seeded stream, so a seed gives the same county.
/// </summary>
internal sealed class TruePopulation(PopulationOptions options)
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
        "STEPHEN", "JON", "JOHN", "SERGIO", "HECTOR", "PEDRO", "RAMON", "JAVIER",
    ];

    private static readonly string[] FemaleNames =
    [
        "MARIA", "GUADALUPE", "ROSA", "ANA", "JUANA", "TERESA", "DOLORES", "GRACIELA", "ALEJANDRA", "VERONICA", "ISABEL",
        "ELENA", "PATRICIA", "JENNIFER", "ELIZABETH", "LINDA", "BARBARA", "SUSAN", "JESSICA", "SARAH", "KAREN", "NANCY", "LISA",
        "MARGARET", "SANDRA", "ASHLEY", "KIMBERLY", "DONNA", "CAROL", "MICHELLE", "AMANDA", "MELISSA", "DEBORAH", "STEPHANIE",
        "REBECCA", "LAURA", "KATHERINE", "CHRISTINE", "SAMANTHA", "VICTORIA", "ABIGAIL", "KEISHA", "LATOYA", "TANISHA", "EBONY",
        "LAN", "MAI", "HOA", "SOO", "MEI", "PRIYA", "FATIMA", "MONICA", "ANGELA", "BRENDA", "YOLANDA", "CLAUDIA", "SILVIA",
        "SARA", "CATHERINE",
    ];

    // Second given names Hispanic families often give (JUAN CARLOS, MARIA ELENA, JOSE LUIS).
    private static readonly string[] SecondMaleNames = ["CARLOS", "LUIS", "ANTONIO", "MANUEL", "MIGUEL", "ALBERTO", "JAVIER"];
    private static readonly string[] SecondFemaleNames = ["ELENA", "GUADALUPE", "LUISA", "ISABEL", "TERESA", "DE JESUS"];

    // Syllables for the long tail of surnames: a real county has tens of thousands, most of them rare.
    private static readonly string[] Syllables = ["BAR", "TO", "LIN", "MAR", "KO", "VAL", "DEN", "RI", "SA", "NO", "GAL", "WIT", "PER", "CHU", "MEN", "DRA", "OS", "KA", "LEV", "ZAN", "HOL", "TEN", "BRI", "QUI", "STO", "NAK", "FIE", "GOR"];

    // Superior court prefixes of Los Angeles (Central, Long Beach, Van Nuys, …), one with a digit first.
    private static readonly string[] CourtPrefixes = ["BA", "LA", "VA", "MA", "SA", "YA", "PA", "GA", "TA", "KA", "NA", "8CA"];
    private static readonly string[] OtherCounties = ["ORANGE", "SAN BERNARDINO", "RIVERSIDE", "KERN", "SAN DIEGO"];

    public static readonly ChargeForm[] Charges =
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

    private readonly Random _random = new(options.Seed);
    private readonly List<TruePerson> _people = [];
    private int _cases;

    public IReadOnlyList<TruePerson> Draw()
    {
        for (var i = 0; i < options.People; i++)
        {
            var person = NewPerson(i);
            _people.Add(person);
            // Co-defendants: relatives are often charged together; otherwise one person in twenty shares a case with
            // someone else of the county.
            var together = person.Relation is Relation.Son or Relation.Twin or Relation.Sibling ? 30 : person.Relation == Relation.None ? 5 : 0;
            if (i > 0 && _random.Next(100) < together)
            {
                var other = person.Relation != Relation.None ? _people[person.RelativeOf] : _people[_random.Next(i)];
                ChargeTogether(other, person);
            }
        }
        return _people;
    }

    private TruePerson NewPerson(int index)
    {
        var roll = _random.Next(1000);
        var relation = index < 10 ? Relation.None
            : roll < 25 ? Relation.Son : roll < 35 ? Relation.Twin : roll < 85 ? Relation.Sibling : roll < 105 ? Relation.Namesake : Relation.None;
        var relative = relation == Relation.None ? -1 : _random.Next(index);
        var of = relative >= 0 ? _people[relative] : null;
        // A son needs a father old enough; a namesake, a name worth sharing.
        if (relation == Relation.Son && (of!.Sex != "M" || of.Dob.Year > 1972 || of.Generation is "JR" or "II" or "III")) relation = Relation.None;
        // Namesakes are people of a common name (JOSE GARCIA), not a copy of a rare one.
        if (relation == Relation.Namesake && !(Surnames.AsSpan(0, 60).Contains(of!.Surname) && (MaleNames.Contains(of.Given) || FemaleNames.Contains(of.Given))))
        {
            relation = Relation.None;
        }
        if (relation == Relation.None) (relative, of) = (-1, null);

        var female = relation is Relation.Son ? false : _random.Next(4) == 0;
        var surname = of?.Surname ?? (_random.Next(100) < 45 ? RareName() : Zipf(Surnames));
        // Some Hispanic people carry both surnames; sources write them joined, hyphenated or with one of them.
        if (of is null && _random.Next(100) < 7) surname = $"{surname} {Zipf(Surnames[..40])}";
        var given = relation is Relation.Son or Relation.Namesake ? of!.Given : GivenName(female);
        if (relation is Relation.Twin or Relation.Sibling)
        {
            while (given == of!.Given) given = GivenName(female);
        }
        var middle = relation == Relation.Son ? of!.Middle : _random.Next(3) == 0 ? "" : ((char)('A' + _random.Next(26))).ToString();
        var dob = relation switch
        {
            Relation.Son => Day(Math.Min(of!.Dob.Year + 20 + _random.Next(16), 1998)),
            Relation.Twin => of!.Dob,
            Relation.Sibling => Day(Math.Clamp(of!.Dob.Year + (_random.Next(2) == 0 ? -1 : 1) * (1 + _random.Next(8)), 1940, 1999)),
            Relation.Namesake => of!.Dob.AddMonths((_random.Next(2) == 0 ? -1 : 1) * (1 + _random.Next(11))),
            _ => Day(_random.Next(1940, 2000)),
        };
        var generation = relation == Relation.Son ? (_random.Next(10) < 8 ? "JR" : "II") : !female && _random.Next(100) < 3 ? "JR" : "";
        if (relation == Relation.Son && _random.Next(10) < 6 && of!.Generation.Length == 0) _people[relative] = of = of with { Generation = "SR" };
        var alias = _random.Next(100) < 8 ? $"{Zipf(Surnames)}, {(_random.Next(2) == 0 ? given.Split(' ')[0] : GivenName(female))}" : null;
        var person = new TruePerson($"P{index + 1:D7}", index, surname, given, middle, generation, alias, female ? "F" : "M", dob,
            $"A{10_000_000 + ((long)index * 7_919 % 89_999_999):D8}", $"D{_random.Next(1_000_000, 9_999_999)}", [], relation, relative);
        var caseCount = 1 + _random.Next(_random.Next(3) == 0 ? 4 : 2);
        for (var c = 0; c < caseCount; c++) person.Cases.Add(NewCase(person, defendant: 0));
        return person;
    }

    private string GivenName(bool female)
    {
        var name = _random.Next(100) < 12 ? RareName() : Zipf(female ? FemaleNames : MaleNames);
        // A double given name (JUAN CARLOS), written in one field or split over given and middle.
        return _random.Next(100) < 6 ? $"{name} {(female ? SecondFemaleNames : SecondMaleNames)[_random.Next(6)]}" : name;
    }

    private DateOnly Day(int year) => new(year, _random.Next(1, 13), _random.Next(1, 29));

    private TrueCase NewCase(TruePerson person, int defendant, TrueCase? with = null)
    {
        _cases++;
        var date = with?.Date ?? CaseDate(person.Dob);
        var county = with?.County ?? (_random.Next(100) < 80 ? "LOS ANGELES" : OtherCounties[_random.Next(OtherCounties.Length)]);
        var counts = with?.Counts.Select(c => c with { Disposition = Disposition(), Sentence = "" }).Select(c => c with { Sentence = Sentence(c) }).ToList()
                     ?? [.. Enumerable.Range(1, 1 + (_random.Next(3) == 0 ? 1 : 0) + (_random.Next(12) == 0 ? 1 : 0)).Select(Count)];
        var courtOnly = county == "LOS ANGELES" && _random.NextDouble() < options.CourtOnlyShare;
        // Six digits, some with a leading zero (a source that strips zeros then writes five).
        var digits = with?.Digits ?? ((_cases * 7_919L) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        return new TrueCase(with?.Prefix ?? CourtPrefixes[_random.Next(CourtPrefixes.Length)], digits, defendant,
            $"{10_000_000 + (_cases * 104_729L % 89_999_999)}", county, date, counts, KnownToDoj: !courtOnly, InDa: _random.NextDouble() < options.DaShare,
            DaNumber: _cases);
    }

    /// <summary>Puts <paramref name="b"/> in one of <paramref name="a"/>'s cases (or a new one) as a co-defendant: one case
    /// number with two suffixes, one date, the same charges, each with its own outcome.</summary>
    private void ChargeTogether(TruePerson a, TruePerson b)
    {
        var at = _random.Next(a.Cases.Count);
        var shared = a.Cases[at];
        if (shared.Defendant > 0 || shared.Date.Year - b.Dob.Year < 18) return;
        a.Cases[at] = shared with { Defendant = 1 };
        b.Cases.Add(NewCase(b, defendant: 2, with: shared));
    }

    private DateOnly CaseDate(DateOnly dob)
    {
        var first = dob.Year + 18;
        var year = Math.Min(2016, first + _random.Next(Math.Max(1, 2017 - first)));
        return new DateOnly(Math.Max(year, 1975), _random.Next(1, 13), _random.Next(1, 29));
    }

    private TrueCount Count(int number)
    {
        var total = Charges.Sum(c => c.Weight);
        var pick = _random.Next(total);
        var charge = Charges[^1];
        foreach (var c in Charges)
        {
            if ((pick -= c.Weight) < 0) { charge = c; break; }
        }
        var count = new TrueCount(number, charge, Disposition(), "");
        return count with { Sentence = Sentence(count) };
    }

    private string Disposition() => _random.Next(100) switch { < 80 => "CONVICTED", < 92 => "DISMISSED", < 96 => "DIVERTED", _ => "ACQUITTED" };

    private string Sentence(TrueCount count) => !count.Convicted ? "" : _random.Next(3) switch
    {
        0 => $"PROBATION {12 * (1 + _random.Next(3))}M; JAIL {10 * (1 + _random.Next(9))}D",
        1 => count.Charge.Toc == "F" ? $"PRISON {1 + _random.Next(4)}Y" : $"JAIL {10 * (1 + _random.Next(9))}D",
        _ => "FINE",
    };

    private string Zipf(string[] pool)
    {
        // Rank r is drawn with weight r^-0.6: a few names are common (GARCIA is about one person in forty, as in Los
        // Angeles), most are not.
        var total = 0.0;
        for (var r = 1; r <= pool.Length; r++) total += Math.Pow(r, -0.6);
        var target = _random.NextDouble() * total;
        for (var r = 1; r <= pool.Length; r++)
        {
            if ((target -= Math.Pow(r, -0.6)) <= 0) return pool[r - 1];
        }
        return pool[^1];
    }

    private string RareName() => string.Concat(Enumerable.Range(0, 2 + _random.Next(2)).Select(_ => Syllables[_random.Next(Syllables.Length)]));
}
