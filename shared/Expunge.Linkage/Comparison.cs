using System.Globalization;

namespace Expunge.Linkage;

/// <summary>What a pair's comparison looks at. Each field compares into levels, 0 the strongest agreement and the last
/// disagreement; a field missing on either side gives no evidence either way.</summary>
public enum Field { GivenName, Surname, DateOfBirth, StrongId, NationalId, Sex, DriverLicence, StreetNumber, Street, Locality, Postcode, State, CaseNumber, DatedCharge }

/// <summary>
/// A pair's comparison vector: one level per <see cref="Field"/>, <see cref="Missing"/> where a side lacks the field,
/// packed into one number (3 bits per field) so that EM can work on distinct patterns instead of millions of pairs;
/// above the levels, three facts the comparison saw that training and scoring need (so that neither has to read the
/// two records again: at county scale, fetching the second record of a pair from memory costs more than comparing it).
/// </summary>
public readonly record struct ComparisonVector(ulong Packed)
{
    public const int Missing = -1;
    public static readonly int FieldCount = Enum.GetValues<Field>().Length;

    /// <summary>Levels per field, the last being disagreement.</summary>
    public static readonly int[] LevelCounts = [4, 4, 6, 3, 3, 2, 2, 2, 3, 3, 3, 2, 3, 2];

    private const int SameGivenBit = 56, SameSurnameBit = 57, SoundAlikeBit = 58, CoDefendantsBit = 59, RelativesBit = 60;
    private const ulong LevelMask = (1UL << SameGivenBit) - 1;

    public int this[Field field] => (int)((Packed >> (3 * (int)field)) & 7) - 1;

    /// <summary>The same comparison with the case number and the dated charges left out (as if missing).</summary>
    public ComparisonVector WithoutCase =>
        new(Packed & ~(7UL << (3 * (int)Field.CaseNumber)) & ~(7UL << (3 * (int)Field.DatedCharge)));

    /// <summary>The levels alone: the pattern EM counts.</summary>
    public ulong Levels => Packed & LevelMask;

    /// <summary>The given names as written are the same (not through an alias or a swap): the name's own frequency weighs it.</summary>
    public bool SameGivenName => (Packed >> SameGivenBit & 1) != 0;

    public bool SameSurname => (Packed >> SameSurnameBit & 1) != 0;

    /// <summary>Both names sound alike (Soundex), as written or crosswise: EM learns dates of birth from such pairs.</summary>
    public bool NamesSoundAlike => (Packed >> SoundAlikeBit & 1) != 0;

    /// <summary>The two CII numbers are the same: one person, whatever else differs.</summary>
    public bool SameStrongId => this[Field.StrongId] == 0;

    /// <summary>Both records carry a CII number and they differ by more than one character (one character is a typo of
    /// the same number: two people's numbers are never that close by chance).</summary>
    public bool StrongIdsConflict => this[Field.StrongId] == 2;

    /// <summary>The records are two defendants of one case (its number with two different co-defendant suffixes) and
    /// share no case otherwise: two people, however alike their names (co-defendants are often brothers).</summary>
    public bool CoDefendants => (Packed >> CoDefendantsBit & 1) != 0;

    /// <summary>Twins' pattern: one family name and one date of birth, and two unrelated given names (neither a
    /// nickname, an initial nor another given name of the other). Field weights, which treat each field as independent,
    /// would add up a twin's surname and date of birth into a link; whether the pattern means twins or one person
    /// depends on the data (<see cref="FellegiSunterModel.RelativesApart"/>).</summary>
    public bool Relatives => (Packed >> RelativesBit & 1) != 0;

    /// <summary>The records report one conviction: one case (a co-defendant suffix one side dropped aside) or one charge
    /// within a few days (<see cref="DatedCharge.SameConvictionDays"/>).</summary>
    public bool SharesConviction => this[Field.CaseNumber] is 0 or 1 || this[Field.DatedCharge] == 0;

    /// <summary>An identifier says two people: different CII numbers, or two defendants of one case. The model alone
    /// never joins such a pair.</summary>
    public bool IdentifiersConflict => StrongIdsConflict || CoDefendants;

    public static ComparisonVector From(ReadOnlySpan<int> levels, bool sameGiven = false, bool sameSurname = false, bool soundAlike = false,
        bool coDefendants = false, bool relatives = false)
    {
        ulong packed = 0;
        for (var f = 0; f < levels.Length; f++) packed |= (ulong)(levels[f] + 1) << (3 * f);
        if (sameGiven) packed |= 1UL << SameGivenBit;
        if (sameSurname) packed |= 1UL << SameSurnameBit;
        if (soundAlike) packed |= 1UL << SoundAlikeBit;
        if (coDefendants) packed |= 1UL << CoDefendantsBit;
        if (relatives) packed |= 1UL << RelativesBit;
        return new ComparisonVector(packed);
    }
}

/// <summary>How two standardised records compare, field by field.</summary>
public static class Comparison
{
    public static ComparisonVector Compare(StandardRecord a, StandardRecord b)
    {
        Span<int> levels = stackalloc int[ComparisonVector.FieldCount];
        var (given, surname) = CompareNames(a, b);
        levels[(int)Field.GivenName] = given;
        levels[(int)Field.Surname] = surname;
        levels[(int)Field.DateOfBirth] = DateOfBirth(a.DateOfBirth, b.DateOfBirth);
        levels[(int)Field.StrongId] = Identifier(a.StrongId, b.StrongId);
        levels[(int)Field.NationalId] = Identifier(a.NationalId, b.NationalId);
        levels[(int)Field.Sex] = Exact(a.Sex, b.Sex);
        levels[(int)Field.DriverLicence] = Exact(a.DriverLicence, b.DriverLicence);
        levels[(int)Field.StreetNumber] = Exact(a.StreetNumber, b.StreetNumber);
        levels[(int)Field.Street] = Text(a.Street, b.Street);
        levels[(int)Field.Locality] = Text(a.Locality, b.Locality);
        levels[(int)Field.Postcode] = Identifier(a.Postcode, b.Postcode);
        levels[(int)Field.State] = Exact(a.State, b.State);
        var cases = a.CaseNumbers.Count == 0 || b.CaseNumbers.Count == 0 ? (CaseAgreement?)null : CaseKey.Compare(a.CaseNumbers, b.CaseNumbers);
        levels[(int)Field.CaseNumber] = cases switch
        {
            null => ComparisonVector.Missing,
            CaseAgreement.Same => 0,
            CaseAgreement.SameCase => 1,
            _ => 2,
        };
        levels[(int)Field.DatedCharge] = a.DatedCharges.Count == 0 || b.DatedCharges.Count == 0 ? ComparisonVector.Missing
            : AnySameConviction(a.DatedCharges, b.DatedCharges) ? 0 : 1;
        return ComparisonVector.From(levels,
            sameGiven: a.Name.Given.Length > 0 && a.Name.Given == b.Name.Given,
            sameSurname: a.Name.Surname.Length > 0 && a.Name.Surname == b.Name.Surname,
            soundAlike: NamesSoundAlike(a.Name, b.Name),
            coDefendants: cases == CaseAgreement.CoDefendants,
            relatives: given == 3 && surname is 0 or 1 && levels[(int)Field.DateOfBirth] == 0);
    }

    private static bool NamesSoundAlike(StandardName a, StandardName b) =>
        a.Surname.Length > 0 && a.Given.Length > 0
        && ((a.SurnameSoundex == b.SurnameSoundex && a.GivenSoundex == b.GivenSoundex)
            || (a.SurnameSoundex == b.GivenSoundex && a.GivenSoundex == b.SurnameSoundex));

    /// <summary>The best agreement of the two names over: as written, first and last swapped, and every alias of
    /// either side (an AKA is the same person under another name).</summary>
    public static (int Given, int Surname) CompareNames(StandardRecord a, StandardRecord b)
    {
        var best = Names(a.Name, b.Name);
        // Nothing beats both names the same; otherwise try the other readings (indexed loops: no enumerator per pair).
        if (best == (0, 0)) return best;
        Consider(ref best, Swapped(a.Name, b.Name));
        for (var i = 0; i < a.Aliases.Count; i++) Consider(ref best, Names(a.Aliases[i], b.Name));
        for (var i = 0; i < b.Aliases.Count; i++) Consider(ref best, Names(a.Name, b.Aliases[i]));
        return best;
    }

    private static void Consider(ref (int Given, int Surname) best, (int Given, int Surname) other)
    {
        if (Score(other) < Score(best)) best = other;
    }

    // Missing counts as neutral-to-weak agreement so that "missing given name" does not beat a real match elsewhere.
    private static int Score((int Given, int Surname) levels) =>
        (levels.Given < 0 ? 2 : levels.Given) + (levels.Surname < 0 ? 2 : levels.Surname);

    private static (int, int) Names(StandardName a, StandardName b)
    {
        var given = Given(a.Given, b.Given, a.GivenSoundex, b.GivenSoundex);
        // JUAN CARLOS against CARLOS: a person may go by any of their given names.
        if (given > 1 && (Contains(a.OtherGivenNames, b.Given) || Contains(b.OtherGivenNames, a.Given))) given = 1;
        return (given, Surname(a, b));
    }

    private static bool Contains(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++) if (names[i] == name) return true;
        return false;
    }

    /// <summary>The names compared crosswise, for first and last names written in each other's columns: either b's
    /// columns are swapped (a's given name is in b's surname column, a's surname in b's given column) or a's are. The
    /// surname side is compared whole (every token of the given-name column), as compound surnames are typed there.</summary>
    private static (int, int) Swapped(StandardName a, StandardName b)
    {
        if (a.Given.Length == 0 || a.Surname.Length == 0 || b.Given.Length == 0 || b.Surname.Length == 0) return (3, 3);
        var best = CrossWise(a.Given, a.GivenSoundex, a.Surname, a.SurnameParts, a.SurnameSoundex, b.Surname, b.SurnameSoundex, b.GivenWhole, b.GivenParts, b.GivenWholeSoundex);
        if (best == (0, 0)) return best;
        var other = CrossWise(b.Given, b.GivenSoundex, b.Surname, b.SurnameParts, b.SurnameSoundex, a.Surname, a.SurnameSoundex, a.GivenWhole, a.GivenParts, a.GivenWholeSoundex);
        return Score(other) < Score(best) ? other : best;
    }

    /// <summary>x's given name against y's surname column, x's surname against y's whole given-name column.</summary>
    private static (int, int) CrossWise(string xGiven, string xGivenSoundex, string xSurname, IReadOnlyList<string> xSurnameParts, string xSurnameSoundex,
        string yGivenName, string yGivenNameSoundex, string ySurname, IReadOnlyList<string> ySurnameParts, string ySurnameSoundex)
    {
        var given = Given(xGiven, yGivenName, xGivenSoundex, yGivenNameSoundex);
        // A swap only explains a pair when both names then agree closely.
        if (given > 1) return (3, 3);
        var surname = Surname(xSurname, xSurnameParts, xSurnameSoundex, ySurname, ySurnameSoundex, ySurnameParts);
        return surname <= 1 ? (given, surname) : (3, 3);
    }

    public static int Given(string a, string b) => Given(a, b, Linkage.Names.Soundex(a), Linkage.Names.Soundex(b));

    private static int Given(string a, string b, string soundexA, string soundexB)
    {
        if (a.Length == 0 || b.Length == 0) return ComparisonVector.Missing;
        if (a == b) return 0;
        if (Linkage.Names.AreNicknames(a, b)) return 1;
        var similarity = Similarity.JaroWinkler(a, b);
        if (similarity >= 0.92) return 1;
        // One letter typed wrong, left out or doubled in a short name (JUAN and JUCN, ROSA and ROHA) is a typo.
        // A double given name glued into one (LINDAGUADALUPE) against its first part, or one name spelt two ways.
        if (similarity >= 0.88 || soundexA == soundexB || Similarity.EditDistance(a, b, 1) <= 1 || GluedFirstPart(a, b)
            || Linkage.Names.SoundAlikeSpeltApart(a, b, soundexA, soundexB)) return 2;
        // An initial agrees with any name starting with it, weakly.
        if ((a.Length == 1 || b.Length == 1) && a[0] == b[0]) return 2;
        return 3;
    }

    private static bool GluedFirstPart(string a, string b) =>
        Math.Min(a.Length, b.Length) >= 3 && Math.Abs(a.Length - b.Length) >= 3
        && (a.Length < b.Length ? b.StartsWith(a, StringComparison.Ordinal) : a.StartsWith(b, StringComparison.Ordinal));

    private static int Surname(StandardName a, StandardName b) =>
        Surname(a.Surname, a.SurnameParts, a.SurnameSoundex, b.Surname, b.SurnameSoundex, b.SurnameParts);

    private static int Surname(string a, IReadOnlyList<string> partsA, string soundexA, string b, string soundexB, IReadOnlyList<string> partsB)
    {
        if (a.Length == 0 || b.Length == 0) return ComparisonVector.Missing;
        if (a == b) return 0;
        var similarity = Similarity.JaroWinkler(a, b);
        // GARCIA-LOPEZ and GARCIA: a compound surname written with one of its parts.
        if (similarity >= 0.92 || AnyShared(partsA, partsB)) return 1;
        if (similarity >= 0.80 || soundexA == soundexB) return 2;
        return 3;
    }

    private static bool AnySameConviction(IReadOnlyList<DatedCharge> a, IReadOnlyList<DatedCharge> b)
    {
        for (var i = 0; i < a.Count; i++)
        {
            for (var j = 0; j < b.Count; j++) if (a[i].SameConviction(b[j])) return true;
        }
        return false;
    }

    /// <summary>Whether the two lists share a value (loops, not LINQ: this runs for millions of pairs).</summary>
    private static bool AnyShared(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        for (var i = 0; i < a.Count; i++)
        {
            for (var j = 0; j < b.Count; j++) if (a[i] == b[j]) return true;
        }
        return false;
    }

    public static int DateOfBirth(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return ComparisonVector.Missing;
        if (a == b && Dates.IsWhole(a)) return 0;
        // A partial date (19670000, 19670500) or a year-only placeholder (19670101) says only its year (and its month,
        // where it has one): agreement on all that both say is evidence of its own (weaker than a whole date's), years a
        // keying slip apart are no evidence either way, anything else is a disagreement.
        if (!Dates.IsWhole(a) || !Dates.IsWhole(b))
        {
            if (!int.TryParse(a.AsSpan(0, 4), out var yearA) || !int.TryParse(b.AsSpan(0, 4), out var yearB)) return DifferentDatesOfBirth;
            if (yearA == yearB) return MonthsAgree(a, b) ? PartsAgree : DifferentDatesOfBirth;
            return Math.Abs(yearA - yearB) == 1 ? ComparisonVector.Missing : DifferentDatesOfBirth;
        }
        // Day and month transposed (American and European order), or one digit mistyped or two adjacent swapped.
        var transposed = a.Length == 8 && b.Length == 8 && a.AsSpan(0, 4).SequenceEqual(b.AsSpan(0, 4))
            && a.AsSpan(4, 2).SequenceEqual(b.AsSpan(6, 2)) && a.AsSpan(6, 2).SequenceEqual(b.AsSpan(4, 2));
        var distance = Similarity.EditDistance(a, b, 2);
        if (transposed || distance == 1) return 1;
        if (distance == 2 || YearApart(a, b)) return 2;
        // Years apart in more than a slip of one digit: a father and a son of one name, not one man.
        return Math.Abs(int.Parse(a.AsSpan(0, 4), CultureInfo.InvariantCulture) - int.Parse(b.AsSpan(0, 4), CultureInfo.InvariantCulture)) >= FarApartYears ? GenerationApart : DifferentDatesOfBirth;
    }

    /// <summary>The level of <see cref="DateOfBirth"/> for a partial date (or a year-only placeholder) that agrees with
    /// the other date in all it says. Last, so that the levels of whole dates keep their numbers (and stored models
    /// their meaning).</summary>
    public const int PartsAgree = 5;

    /// <summary>The months of two dates agree where both know one (<see cref="Dates.KnowsMonth"/>).</summary>
    private static bool MonthsAgree(string a, string b) =>
        !Dates.KnowsMonth(a) || !Dates.KnowsMonth(b) || a.AsSpan(4, 2).SequenceEqual(b.AsSpan(4, 2));

    /// <summary>The first level of <see cref="DateOfBirth"/> at which two whole dates are different dates, not a slip.</summary>
    public const int DifferentDatesOfBirth = 3;

    /// <summary>The level of <see cref="DateOfBirth"/> for dates a generation apart.</summary>
    public const int GenerationApart = 4;

    /// <summary>Dates of birth this many years apart (and more than one digit different) are a generation apart.</summary>
    public const int FarApartYears = 10;

    /// <summary>The same month and day a year apart (1999 keyed as 2000): as close as two mistyped digits.</summary>
    private static bool YearApart(string a, string b) =>
        a.Length == 8 && b.Length == 8 && a.AsSpan(4).SequenceEqual(b.AsSpan(4))
        && int.TryParse(a.AsSpan(0, 4), out var yearA) && int.TryParse(b.AsSpan(0, 4), out var yearB) && Math.Abs(yearA - yearB) == 1;

    private static int Identifier(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return ComparisonVector.Missing;
        if (a == b) return 0;
        return Similarity.EditDistance(a, b, 1) <= 1 ? 1 : 2;
    }

    private static int Exact(string a, string b) => a.Length == 0 || b.Length == 0 ? ComparisonVector.Missing : a == b ? 0 : 1;

    private static int Text(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return ComparisonVector.Missing;
        if (a == b) return 0;
        return Similarity.JaroWinkler(a, b) >= 0.90 ? 1 : 2;
    }
}
