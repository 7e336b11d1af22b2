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
        var tokens = caseNumber.ToUpperInvariant().Split(NotAlphanumeric, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0) return "";
        var last = tokens[^1];
        var digitsStart = last.Length;
        while (digitsStart > 0 && char.IsAsciiDigit(last[digitsStart - 1])) digitsStart--;
        var digits = last[digitsStart..].TrimStart('0');
        if (digits.Length == 0) return string.Concat(tokens); // no number at the end: compare the whole text
        // The court prefix is the letters just before the number, in the same token (BA123456) or the one before it
        // (LASC-BA-0123456); one to three letters (BA, LA, VA): a longer word ("CASE") is not a prefix.
        var prefix = digitsStart > 0 ? last[..digitsStart] : tokens.Length > 1 ? tokens[^2] : "";
        var letters = prefix.Length is >= 1 and <= 3 && prefix.All(char.IsAsciiLetter) ? prefix : "";
        return letters + digits;
    }

    private static readonly char[] NotAlphanumeric = [.. Enumerable.Range(0, 128).Select(c => (char)c).Where(c => !char.IsAsciiLetterOrDigit(c))];

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
