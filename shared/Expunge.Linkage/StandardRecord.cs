namespace Expunge.Linkage;

/// <summary>A name as compared: given name and surname standardised (<see cref="Names"/>), with their phonetic keys.
/// <see cref="GivenWhole"/> keeps every token of the given-name column run together: a surname typed there (DE LA
/// CRUZ, JORGE) is compared as the surname it is when the two columns were swapped. <see cref="OtherGivenNames"/> are
/// the person's further given names (JUAN CARLOS in one field, or CARLOS as the middle name): some people go by them.</summary>
public sealed record StandardName(string Given, string Surname, IReadOnlyList<string> SurnameParts, string GivenWhole, IReadOnlyList<string> GivenParts,
    IReadOnlyList<string> OtherGivenNames)
{
    public string GivenSoundex { get; } = Names.Soundex(Given);
    public string SurnameSoundex { get; } = Names.Soundex(Surname);
    public string GivenWholeSoundex { get; } = Names.Soundex(GivenWhole);

    public static StandardName Of(string? given, string? surname, string? middle = null)
    {
        var givenTokens = Names.Tokens(given);
        return new StandardName(givenTokens.Count > 0 ? givenTokens[0] : "", Names.Joined(surname), Names.SurnameParts(surname),
            string.Concat(givenTokens), Names.SurnameParts(given), [.. givenTokens.Skip(1).Concat(Names.Tokens(middle)).Where(t => t.Length > 1).Distinct()]);
    }
}

/// <summary>A record after standardisation: the form every comparison and blocking key works on. Empty = missing.</summary>
public sealed record StandardRecord
{
    public required string Id { get; init; }
    public required string Source { get; init; }
    public required StandardName Name { get; init; }
    public required IReadOnlyList<StandardName> Aliases { get; init; }

    /// <summary>Eight digits <c>YYYYMMDD</c> as written (not necessarily a calendar date), or empty.</summary>
    public required string DateOfBirth { get; init; }
    public required string Sex { get; init; }
    public required string StrongId { get; init; }
    public required string NationalId { get; init; }
    public required string DriverLicence { get; init; }
    public required string StreetNumber { get; init; }
    public required string Street { get; init; }
    public required string Locality { get; init; }
    public required string Postcode { get; init; }
    public required string State { get; init; }
    public required IReadOnlyList<CaseKey> CaseNumbers { get; init; }

    /// <summary>The record's dated charges (<see cref="LinkageRecord.DatedCharges"/>): day number and section.</summary>
    public required IReadOnlyList<DatedCharge> DatedCharges { get; init; }

    /// <summary>The record's blocking keys (<see cref="Blocking.KeyHashes"/>), worked out once: an index files a record
    /// under them, and every batch the record is a candidate of looks them up again (building them is a dozen strings).
    /// Like <see cref="StandardName"/>'s Soundex keys they follow the fields the record was made with.</summary>
    public (ulong Hash, int Cap)[] BlockingKeys => _blockingKeys.Keys ??= Blocking.KeyHashes(this);

    private readonly KeyCache _blockingKeys = new();

    /// <summary>Holds the keys once worked out; equal to any other, so a record's equality and hash code do not change
    /// when its keys are first asked for.</summary>
    private sealed class KeyCache
    {
        public (ulong Hash, int Cap)[]? Keys;

        public override bool Equals(object? obj) => obj is KeyCache;

        public override int GetHashCode() => 0;
    }

    public static StandardRecord Of(LinkageRecord r) => new()
    {
        Id = r.Id,
        Source = r.Source,
        Name = StandardName.Of(r.GivenName, r.Surname, r.MiddleName),
        Aliases = [.. r.Aliases.Select(a => Names.SplitLastFirst(a)).Select(a => StandardName.Of(a.Given, a.Surname)).Where(a => a.Surname.Length > 0)],
        DateOfBirth = Dates.Standardise(r.DateOfBirth),
        Sex = Text(r.Sex) is { Length: > 0 } sex ? sex[..1] : "",
        StrongId = Identifier(r.StrongId),
        NationalId = Identifier(r.NationalId),
        DriverLicence = Identifier(r.DriverLicence),
        StreetNumber = Text(r.StreetNumber),
        Street = string.Join(' ', Names.Tokens(r.Street)),
        Locality = string.Join(' ', Names.Tokens(r.Locality)),
        Postcode = Text(r.Postcode),
        State = Text(r.State),
        CaseNumbers = [.. r.CaseNumbers.Select(CaseKey.Parse).OfType<CaseKey>().Distinct()],
        DatedCharges = [.. r.DatedCharges.Select(DatedCharge.Parse).OfType<DatedCharge>().Distinct()],
    };

    /// <summary>Every record standardised, in order, on every core (names, dates and case keys of hundreds of thousands
    /// of records are a sixth of a county's linking time on one core).</summary>
    public static StandardRecord[] OfAll(IReadOnlyList<LinkageRecord> records)
    {
        var standard = new StandardRecord[records.Count];
        Parallel.For(0, records.Count, i => standard[i] = Of(records[i]));
        return standard;
    }

    private static string Text(string? value) => value?.Trim().ToUpperInvariant() ?? "";

    /// <summary>Identifiers are written with dashes, spaces and either case (CII <c>A-1234-5678</c> = <c>a12345678</c>).</summary>
    public static string Identifier(string? value) =>
        value is null ? "" : string.Concat(value.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant));
}

/// <summary>A charge on a date, as a record reports it: the day (<see cref="DateOnly.DayNumber"/>) and the section.</summary>
public readonly record struct DatedCharge(int Day, string Section)
{
    /// <summary>Reports of one conviction by two sources: the same section, dates at most this many days apart (DOJ
    /// and the DA often record the disposition a day or two after the court).</summary>
    public const int SameConvictionDays = 3;

    public bool SameConviction(DatedCharge other) => Section == other.Section && Math.Abs(Day - other.Day) <= SameConvictionDays;

    /// <summary><c>YYYYMMDD SECTION</c>, or null when the date is not a whole date or the section is missing.</summary>
    public static DatedCharge? Parse(string text)
    {
        var parts = text.Split(' ', 2, StringSplitOptions.TrimEntries);
        return parts.Length == 2 && parts[1].Length > 0
               && DateOnly.TryParseExact(parts[0], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? new DatedCharge(date.DayNumber, parts[1]) : null;
    }

    public override string ToString() => $"{DateOnly.FromDayNumber(Day):yyyyMMdd} {Section}";
}

/// <summary>Dates of birth as sources write them.</summary>
public static class Dates
{
    /// <summary><c>YYYYMMDD</c>, <c>YYYY-MM-DD</c>, <c>MM/DD/YYYY</c> → eight digits <c>YYYYMMDD</c>; anything else → empty.
    /// A typo that is not a calendar date is kept: it still agrees with its original in seven digits. A partial date
    /// keeps its zeros (<c>00/00/1967</c> → <c>19670000</c>), as DOJ writes one.</summary>
    public static string Standardise(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "";
        var text = value.Trim();
        var digits = text.Length == 8 && text.All(char.IsAsciiDigit) ? text
            : text.Length == 10 && text[4] == '-' && text[7] == '-' ? Digits(text[..4], text[5..7], text[8..10])
            : text.Split('/') is [var month, var day, var year] && year.Length == 4 ? Digits(year, month.PadLeft(2, '0'), day.PadLeft(2, '0'))
            : "";
        // No year, no date (00000000 is how DOJ writes "none").
        return digits.Length == 8 && !digits.StartsWith("0000", StringComparison.Ordinal) ? digits : "";
    }

    /// <summary>Whether a standardised date is a whole date: no unknown month or day (<c>19670000</c>,
    /// <c>19670500</c>), and not the first of January, which county systems write when they know only the year.</summary>
    public static bool IsWhole(string date) => HasMonthAndDay(date) && !IsYearOnlyPlaceholder(date);

    /// <summary>Whether a standardised date names its month: not a partial date's <c>00</c>, nor the first of January
    /// that stands for "the year only".</summary>
    public static bool KnowsMonth(string date) => date.Length == 8 && !date.AsSpan(4, 2).SequenceEqual("00") && !IsYearOnlyPlaceholder(date);

    private static bool IsYearOnlyPlaceholder(string date) => date.AsSpan(4).SequenceEqual("0101");

    /// <summary>Whether a standardised date is a whole date: no unknown month or day (spans, not substrings: this runs
    /// for every pair compared).</summary>
    public static bool HasMonthAndDay(string date) =>
        date.Length == 8 && !date.AsSpan(4, 2).SequenceEqual("00") && !date.AsSpan(6, 2).SequenceEqual("00");

    private static string Digits(string year, string month, string day)
    {
        var joined = year + month + day;
        return joined.Length == 8 && joined.All(char.IsAsciiDigit) ? joined : "";
    }
}
