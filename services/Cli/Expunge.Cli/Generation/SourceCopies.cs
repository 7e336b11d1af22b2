using System.Globalization;

namespace Expunge.Cli.Generation;

/// <summary>An identity as one office copied it: name parts, the date of birth as eight digits (zeros for what the
/// office did not know, empty when it wrote none), the CII number as written, and the AKAs it listed.</summary>
internal sealed record CopiedIdentity(string Surname, string Given, string Middle, string Dob, string Cii, string Aliases);

/// <summary>
/// How each office copies a person and a case number, with the rates county exports show (court-records.md,
/// issue 19): a name or date of birth that differs from the person's own on about one record in seven — nicknames and
/// Spanish diminutives, a compound surname written five ways, a double given name in one field or two, JR/SR dropped
/// or moved, first and last names swapped, an alias with the true name among the AKAs, spelling variants, typos; a day
/// and month transposed, a digit wrong, a year off by one, a partial or placeholder or blank date; the CII missing on
/// most court rows (more on old cases), mistyped or written with a space or dash. DOJ's OFN is the case number as
/// filed on about half of the cycles; the rest have it dashed, spaced, padded to eight digits, stripped of zeros,
/// without the co-defendant suffix, missing (the number then in FE_NUM_CRT_CASE) or holding the booking number.
/// </summary>
internal static class SourceCopies
{
    /// <summary>A court's or a DA's copy of the person for one case.</summary>
    public static CopiedIdentity County(TruePerson p, TrueCase kase, Random random, bool withMiddle, int ciiBlankPercent)
    {
        var (surname, given, middle) = WrittenName(p, random, withMiddle);
        var aliases = p.Alias is { } alias && random.Next(2) == 0 ? alias : "";
        var changed = random.Next(100);
        if (changed < 9)
        {
            switch (random.Next(7))
            {
                case 0:
                case 1:
                    given = Nicknames.Of(given, random) ?? Typo(given, random);
                    break;
                case 2:
                    (surname, given) = Variants.Of(surname) is { } s ? (s, given) : Variants.Of(given) is { } g ? (surname, g) : (Typo(surname, random), given);
                    break;
                case 3:
                    surname = Typo(surname, random);
                    break;
                case 4:
                    given = Typo(given, random);
                    break;
                case 5:
                    (surname, given) = (given, surname);
                    break;
                default:
                    // Booked under an alias; the true name is listed among the AKAs.
                    if (p.Alias is { } other && other.Split(", ") is [var aliasSurname, var aliasGiven])
                    {
                        aliases = $"{p.Surname}, {p.Given}";
                        (surname, given, middle) = (aliasSurname, aliasGiven, "");
                    }
                    else
                    {
                        surname = Typo(surname, random);
                    }
                    break;
            }
        }
        var old = kase.Date.Year < 1995;
        var cii = random.Next(100) < ciiBlankPercent + (old ? 25 : kase.Date.Year < 2005 ? 5 : -15) ? "" : CopiedCii(p.Cii, random);
        return new CopiedIdentity(surname, given, middle, CopiedDob(p.Dob, random, old), cii, aliases);
    }

    /// <summary>DOJ's copy, one per subject: fingerprints keep it close to the person, but DOJ too has people under an
    /// alias, a generational suffix in the surname field, and a partial date of birth now and then.</summary>
    public static (string Name, string Dob) Doj(TruePerson p, Random random)
    {
        var (surname, given) = (p.Surname.Replace(' ', '-'), p.Given);
        if (p.Alias is { } alias && random.Next(100) < 5 && alias.Split(", ") is [var aliasSurname, var aliasGiven]) (surname, given) = (aliasSurname, aliasGiven);
        if (p.Generation.Length > 0 && random.Next(10) < 7) surname = $"{surname} {p.Generation}";
        var dob = random.Next(100) == 0 ? $"{p.Dob.Year:D4}0000" : p.Dob.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return ($"{surname},{given}{(p.Middle.Length > 0 ? " " + p.Middle : "")}", dob);
    }

    /// <summary>The person's name as an office's fields hold it, before any mistake.</summary>
    private static (string Surname, string Given, string Middle) WrittenName(TruePerson p, Random random, bool withMiddle)
    {
        var surname = p.Surname;
        var parts = surname.Split(' ');
        if (parts.Length == 2 && parts[0].Length > 3)
        {
            // Two surnames (GARCIA LOPEZ): as is, hyphenated, the first only, the second only, or glued.
            surname = random.Next(100) switch
            {
                < 35 => surname,
                < 60 => $"{parts[0]}-{parts[1]}",
                < 80 => parts[0],
                < 88 => parts[1],
                _ => parts[0] + parts[1],
            };
        }
        else if (parts.Length > 1 && random.Next(4) == 0)
        {
            surname = string.Concat(parts); // DE LA CRUZ as DELACRUZ
        }
        var given = p.Given;
        var middle = withMiddle ? p.Middle : "";
        if (given.Split(' ', 2) is [var first, var second])
        {
            // JUAN CARLOS in the given-name field, or JUAN and CARLOS over given and middle, or JUAN alone.
            (given, middle) = random.Next(100) switch
            {
                < 50 => (given, middle),
                < 85 => withMiddle ? (first, second) : (first, middle),
                _ => (first, middle),
            };
        }
        if (p.Generation.Length > 0)
        {
            // JR/SR: dropped as often as not, else in the surname field, the given-name field or the middle.
            switch (random.Next(10))
            {
                case < 5: break;
                case < 7: surname = $"{surname} {p.Generation}"; break;
                case < 8: given = $"{given} {p.Generation}"; break;
                default: middle = withMiddle ? p.Generation : middle; break;
            }
        }
        return (surname, given, middle);
    }

    private static string CopiedDob(DateOnly dob, Random random, bool oldCase)
    {
        var digits = dob.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var roll = random.Next(1000);
        if (oldCase && random.Next(100) < 3) roll = 55; // old systems kept partial dates more often
        return roll switch
        {
            < 2 => $"{dob.Year:D4}13{dob.Day:D2}", // no such month: a date nobody can read
            < 15 when dob.Day <= 12 && dob.Day != dob.Month => $"{dob.Year:D4}{dob.Day:D2}{dob.Month:D2}", // day and month transposed
            < 30 => OneDigitOff(dob, random),
            < 40 => dob.AddYears(random.Next(2) == 0 ? 1 : -1).ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            < 55 => digits[..4] + "0000", // 00/00/YYYY, YYYY-00-00
            < 60 => digits[..6] + "00", // YYYY-MM-00
            < 70 => digits[..4] + "0101", // 01/01/YYYY when only the year was known
            < 90 => "",
            _ => digits,
        };
    }

    /// <summary>A date with one digit of the day or the year mistyped, still a calendar date (the office's system
    /// would refuse another).</summary>
    private static string OneDigitOff(DateOnly dob, Random random)
    {
        var day = dob.Day % 10 < 8 ? dob.Day + 1 : dob.Day - 1;
        var date = random.Next(2) == 0 ? new DateOnly(dob.Year, dob.Month, Math.Clamp(day, 1, 28))
            : new DateOnly(dob.Year % 10 < 8 ? dob.Year + 1 : dob.Year - 1, dob.Month, dob.Day);
        return date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
    }

    private static string CopiedCii(string cii, Random random) => random.Next(100) switch
    {
        < 2 => cii[..^1] + (char)('0' + ((cii[^1] - '0' + 1 + random.Next(8)) % 10)), // one digit wrong
        < 5 => $"{cii[..1]} {cii[1..]}",
        < 8 => $"{cii[..1]}-{cii[1..]}",
        _ => cii,
    };

    /// <summary>DOJ's OFN on a court action, and what FE_NUM_CRT_CASE holds (the case number, where the OFN lacks it).</summary>
    public static (string Ofn, string CourtCaseNumber) DojOfn(TrueCase kase, Random random)
    {
        var roll = random.Next(100);
        if (roll < 8) return (random.Next(2) == 0 ? "NULL" : "", random.Next(4) == 0 ? "" : kase.CaseNumber);
        if (roll < 13) return (kase.Booking, "");
        // DOJ drops the co-defendant suffix most of the time.
        var suffix = kase.Defendant > 0 && random.Next(10) < 3 ? $"-{kase.Defendant:D2}" : "";
        var written = roll switch
        {
            < 63 => $"{kase.Prefix}{kase.Digits}",
            < 73 => $"{kase.Prefix}-{kase.Digits}",
            < 80 => $"{kase.Prefix} {kase.Digits}",
            < 90 => $"{kase.Prefix}{kase.Digits.PadLeft(8, '0')}",
            _ => $"{kase.Prefix}{kase.Digits.TrimStart('0')}",
        };
        return (written + suffix, "");
    }

    /// <summary>The court case number as the DA's system holds it: blank, spaced, dashed, stripped of zeros, in lower
    /// case, in the court's long form, or as filed; the co-defendant suffix often dropped.</summary>
    public static string DaCourtCase(TrueCase kase, Random random)
    {
        var suffix = kase.Defendant > 0 && random.Next(10) < 4 ? $"-{kase.Defendant:D2}" : "";
        return random.Next(100) switch
        {
            < 10 => "",
            < 30 => $"LASC-{kase.Prefix}-0{kase.Digits}{suffix}",
            < 45 => $"{kase.Prefix} {kase.Digits}{suffix}",
            < 55 => $"{kase.Prefix}-{kase.Digits}{suffix}",
            < 65 => $"{kase.Prefix}{kase.Digits.TrimStart('0')}{suffix}",
            < 72 => $"{kase.Prefix}{kase.Digits}{suffix}".ToLowerInvariant(),
            _ => $"{kase.Prefix}{kase.Digits}{suffix}",
        };
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

    /// <summary>Everyday forms of given names, as clerks and officers write them.</summary>
    private static class Nicknames
    {
        private static readonly Dictionary<string, string[]> Known = new()
        {
            ["ROBERT"] = ["BOB", "ROB", "BOBBY"], ["WILLIAM"] = ["BILL", "WILL", "BILLY"], ["JAMES"] = ["JIM", "JIMMY"], ["MICHAEL"] = ["MIKE"],
            ["RICHARD"] = ["RICK", "RICKY"], ["JOSEPH"] = ["JOE"], ["THOMAS"] = ["TOM", "TOMMY"], ["CHARLES"] = ["CHUCK", "CHARLIE"],
            ["DANIEL"] = ["DAN", "DANNY"], ["ANTHONY"] = ["TONY"], ["CHRISTOPHER"] = ["CHRIS"], ["MATTHEW"] = ["MATT"], ["DONALD"] = ["DON"],
            ["KENNETH"] = ["KEN", "KENNY"], ["EDWARD"] = ["ED", "EDDIE"], ["RONALD"] = ["RON"], ["TIMOTHY"] = ["TIM"], ["JEFFREY"] = ["JEFF"],
            ["GREGORY"] = ["GREG"], ["SAMUEL"] = ["SAM"], ["BENJAMIN"] = ["BEN"], ["PATRICK"] = ["PAT"], ["NICHOLAS"] = ["NICK"],
            ["STEVEN"] = ["STEVE"], ["STEPHEN"] = ["STEVE"], ["FRANCISCO"] = ["PANCHO", "PACO", "FRANK"], ["JOSE"] = ["PEPE", "CHEPE"],
            ["GUADALUPE"] = ["LUPE", "LUPITA"], ["JESUS"] = ["CHUY", "CHUCHO"], ["IGNACIO"] = ["NACHO"], ["GUILLERMO"] = ["MEMO"],
            ["EDUARDO"] = ["LALO"], ["ALBERTO"] = ["BETO"], ["ROBERTO"] = ["BETO"], ["SALVADOR"] = ["CHAVA"], ["ENRIQUE"] = ["QUIQUE", "KIKE"],
            ["ANTONIO"] = ["TONO", "TONY"], ["ALEJANDRO"] = ["ALEX"], ["MANUEL"] = ["MANNY", "MANOLO"], ["RICARDO"] = ["RICKY"],
            ["FERNANDO"] = ["NANDO"], ["ARMANDO"] = ["MANDO"], ["GUSTAVO"] = ["TAVO", "GUS"], ["GRACIELA"] = ["CHELA"], ["DOLORES"] = ["LOLA"],
            ["TERESA"] = ["TERE"], ["ELIZABETH"] = ["LIZ", "BETH", "BETTY"], ["JENNIFER"] = ["JEN", "JENNY"], ["KATHERINE"] = ["KATE", "KATHY"],
            ["CATHERINE"] = ["CATHY"], ["PATRICIA"] = ["PATTY", "TRISH"], ["SUSAN"] = ["SUE"], ["DEBORAH"] = ["DEBBIE"], ["REBECCA"] = ["BECKY"],
            ["VICTORIA"] = ["VICKY"], ["JESSICA"] = ["JESS"], ["SAMANTHA"] = ["SAM"], ["ABIGAIL"] = ["ABBY"], ["ISABEL"] = ["CHABELA"],
        };

        public static string? Of(string given, Random random)
        {
            var first = given.Split(' ')[0];
            return Known.TryGetValue(first, out var forms) ? forms[random.Next(forms.Length)] : null;
        }
    }

    /// <summary>Two spellings of one name, each used by some office (GONZALEZ and GONZALES, STEVEN and STEPHEN).</summary>
    private static class Variants
    {
        private static readonly Dictionary<string, string> Pairs = Build(
            ("GONZALEZ", "GONZALES"), ("RODRIGUEZ", "RODRIGUES"), ("HERNANDEZ", "HERNANDES"), ("MARTINEZ", "MARTINES"), ("PEREZ", "PERES"),
            ("SANCHEZ", "SANCHES"), ("RAMIREZ", "RAMIRES"), ("ALVAREZ", "ALVARES"), ("FERNANDEZ", "FERNANDES"), ("GUTIERREZ", "GUTIERRES"),
            ("JIMENEZ", "GIMENEZ"), ("VARGAS", "BARGAS"), ("STEVEN", "STEPHEN"), ("JON", "JOHN"), ("JEFFREY", "GEOFFREY"),
            ("KATHERINE", "CATHERINE"), ("SARA", "SARAH"), ("ISABEL", "ISABELLE"), ("THOMPSON", "THOMSON"), ("PHILLIPS", "PHILIPS"),
            ("NGUYEN", "NGUEN"), ("LE", "LEE"), ("TRAN", "TRANG"), ("MC DONALD", "MACDONALD"), ("JESUS", "JESSE"));

        public static string? Of(string name) => Pairs.GetValueOrDefault(name);

        private static Dictionary<string, string> Build(params (string A, string B)[] pairs)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (a, b) in pairs)
            {
                map[a] = b;
                map[b] = a;
            }
            return map;
        }
    }
}
