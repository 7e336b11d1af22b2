using System.Collections.Concurrent;

namespace Expunge.Doj;

/// <summary>
/// A county extract repeats a few thousand charge texts over millions of rows: each distinct text is parsed once and
/// the parsed <see cref="Charge"/> shared. Lookups by span allocate nothing; safe for concurrent use.
/// </summary>
public static class ChargeCache
{
    private const int MaxEntries = 200_000; // past this (free-text comments), parse without remembering

    private static readonly ConcurrentDictionary<string, Charge> Charges = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Charge>.AlternateLookup<ReadOnlySpan<char>> BySpan =
        Charges.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The charge of a row: its OFFENSE_DESCR, or COMMENT_TEXT when that is blank or says to see the comment.</summary>
    public static Charge FromRow(ReadOnlySpan<char> description, ReadOnlySpan<char> comment)
    {
        var text = ChargeParser.ChargeText(description, comment);
        if (BySpan.TryGetValue(text, out var charge))
        {
            return charge;
        }
        var key = text.ToString();
        charge = ChargeParser.Parse(key);
        if (Charges.Count < MaxEntries)
        {
            Charges.TryAdd(key, charge);
        }
        return charge;
    }
}
