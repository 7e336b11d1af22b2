using Expunge.Linkage;

namespace Expunge.CountyRecords;

/// <summary>
/// What an operator may find a person by (pure): the CII number, or a name (each of the record's names and AKAs) with
/// the date of birth. Normalised so that the spellings sources use alike give one key: letters and digits only, upper
/// case; dates in any form a source writes them.
/// </summary>
public static class PersonLookupKeys
{
    public static IReadOnlyList<string> Of(LinkageRecord identity)
    {
        var keys = new List<string>();
        if (Cii(identity.StrongId) is { } cii) keys.Add(cii);
        if (Dob(identity.DateOfBirth) is { } dob)
        {
            if (NameDob(identity.Surname, identity.GivenName, dob) is { } name) keys.Add(name);
            foreach (var alias in identity.Aliases)
            {
                var parts = alias.Split(',', 2);
                if (parts.Length == 2 && NameDob(parts[0], parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(), dob) is { } aka) keys.Add(aka);
            }
        }
        return [.. keys.Distinct()];
    }

    /// <summary>The key an operator's query names: a CII number, or <c>SURNAME,GIVEN</c> and a date of birth; null when it names neither.</summary>
    public static string? ForQuery(string? cii, string? name, string? dateOfBirth)
    {
        if (!string.IsNullOrWhiteSpace(cii)) return Cii(cii);
        if (string.IsNullOrWhiteSpace(name) || Dob(dateOfBirth) is not { } dob) return null;
        var parts = name.Split(',', 2);
        return parts.Length == 2 ? NameDob(parts[0], parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(), dob) : null;
    }

    private static string? Cii(string? value) => Letters(value) is { Length: >= 4 } cii ? $"cii:{cii}" : null;

    private static string? NameDob(string? surname, string? given, string dob) =>
        Letters(surname) is { Length: > 0 } s && Letters(given) is { Length: > 0 } g ? $"name-dob:{s},{g}|{dob}" : null;

    private static string? Dob(string? value) =>
        value is not null && CountyDates.TryParse(value, out var date) && !date.IsPartial ? CountyDates.ToStored(date) : null;

    private static string Letters(string? value) => value is null ? "" : new string([.. value.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant)]);
}
