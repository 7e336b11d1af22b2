namespace Expunge.CountyRecords;

/// <summary>
/// Court case numbers as each source writes them: <c>BA123456</c>, <c>BA-0123456</c>, <c>LASC BA 123456</c>,
/// <c>2020-BA-00123456</c>. The key is the letters just before the final run of digits and those digits without leading
/// zeros; a number written without letters agrees with any key ending in its digits.
/// </summary>
public static class CaseNumbers
{
    public static string Key(string? caseNumber)
    {
        if (string.IsNullOrWhiteSpace(caseNumber)) return "";
        var text = string.Concat(caseNumber.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant));
        var end = text.Length;
        var digitsStart = end;
        while (digitsStart > 0 && char.IsAsciiDigit(text[digitsStart - 1])) digitsStart--;
        var lettersStart = digitsStart;
        while (lettersStart > 0 && char.IsAsciiLetter(text[lettersStart - 1])) lettersStart--;
        var digits = text[digitsStart..end].TrimStart('0');
        if (digits.Length == 0) return text; // no number at the end: compare the whole text
        // A court prefix is one to three letters (BA, LA, VA, MA); a longer run is a word ("CASE"), not a prefix.
        var letters = digitsStart - lettersStart is >= 1 and <= 3 ? text[lettersStart..digitsStart] : "";
        return letters + digits;
    }

    /// <summary>Whether two case numbers name the same case (by <see cref="Key"/>). Several numbers may be
    /// <c>;</c>-joined (DOJ lists every OFN of a case).</summary>
    public static bool Same(string? a, string? b)
    {
        foreach (var x in Split(a))
        {
            foreach (var y in Split(b))
            {
                if (x == y) return true;
                var (digitsX, digitsY) = (x.TrimStart(Letters), y.TrimStart(Letters));
                if ((digitsX.Length == x.Length || digitsY.Length == y.Length) && digitsX == digitsY) return true;
            }
        }
        return false;
    }

    private static readonly char[] Letters = [.. Enumerable.Range('A', 26).Select(c => (char)c)];

    private static IEnumerable<string> Split(string? numbers) =>
        (numbers ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Key).Where(k => k.Length > 0);
}
