namespace Expunge.Linkage;

/// <summary>How two case keys relate, weakest first.</summary>
public enum CaseAgreement
{
    /// <summary>Nothing in common.</summary>
    None,

    /// <summary>One case, two different co-defendant suffixes (<c>BA123456-01</c>, <c>BA123456-02</c>): two people.</summary>
    CoDefendants,

    /// <summary>One case, but one side names no suffix (DOJ and DAs drop it) or no court prefix: the same case, and
    /// the same person only if the identities agree (a co-defendant's record reads the same).</summary>
    SameCase,

    /// <summary>The same case and the same defendant's suffix (or neither has one).</summary>
    Same,
}

/// <summary>
/// A court case number (or a booking number, or another number an agency attaches to an arrest) in one canonical form,
/// whatever the source wrote: the court prefix (letters, sometimes a digit first: <c>BA</c>, <c>LA</c>, <c>8CA</c>),
/// the digits without leading zeros, and the co-defendant suffix as a part of its own. Separators, case and padding
/// are ignored: <c>BA540834</c>, <c>ba-0540834</c>, <c>BA 00540834</c>, <c>LASC-BA-540834</c> and
/// <c>2020-BA-00540834</c> are one key; <c>BA540834-01</c> is that case's first co-defendant
/// (court-records.md, "Case numbers as the sources write them").
/// </summary>
public readonly record struct CaseKey(string Prefix, string Number, string Suffix)
{
    /// <summary>The case without its co-defendant suffix: what blocking and a suffix-less source go by.</summary>
    public string Base => Prefix + Number;

    public override string ToString() => Suffix.Length == 0 ? Base : $"{Base}-{Suffix}";

    /// <summary>The key of a number as written, or null when it holds no number (blank, <c>NULL</c>, <c>-</c>, <c>N/A</c>,
    /// all zeros).</summary>
    public static CaseKey? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var tokens = Tokens(text);
        if (tokens.Count == 0) return null;
        // A co-defendant suffix is a short number after the case number, set apart: BA540834-01, PA-779705-01.
        var suffix = "";
        if (tokens.Count >= 2 && tokens[^1].Length <= 2 && IsDigits(tokens[^1]) && char.IsAsciiDigit(tokens[^2][^1]))
        {
            suffix = tokens[^1].TrimStart('0');
            if (suffix.Length == 0) suffix = "0";
            tokens.RemoveAt(tokens.Count - 1);
        }
        var last = tokens[^1];
        var digitsStart = last.Length;
        while (digitsStart > 0 && char.IsAsciiDigit(last[digitsStart - 1])) digitsStart--;
        var number = last[digitsStart..].TrimStart('0');
        if (number.Length == 0) return null;
        // The court prefix stands glued to the digits (BA540834, 8CA012345) or as the token before them
        // (LASC BA 540834). A longer word (CASE, LASC) is no court's prefix: the number is then read bare.
        var head = digitsStart > 0 ? last[..digitsStart] : tokens.Count > 1 ? tokens[^2] : "";
        return new CaseKey(IsCourtPrefix(head) ? head : "", number, suffix);
    }

    /// <summary>Every key in <c>;</c>-joined numbers (DOJ lists every OFN of a case that way), each once.</summary>
    public static IReadOnlyList<CaseKey> ParseAll(string? numbers)
    {
        if (string.IsNullOrWhiteSpace(numbers)) return [];
        var keys = new List<CaseKey>(1);
        foreach (var part in numbers.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Parse(part) is { } key && !keys.Contains(key)) keys.Add(key);
        }
        return keys;
    }

    public CaseAgreement Compare(CaseKey other)
    {
        if (Number != other.Number) return CaseAgreement.None;
        var prefixesAgree = Prefix == other.Prefix;
        // A number written without its court's letters names that number in whichever court the other side says.
        if (!prefixesAgree && Prefix.Length > 0 && other.Prefix.Length > 0) return CaseAgreement.None;
        if (Suffix == other.Suffix) return prefixesAgree ? CaseAgreement.Same : CaseAgreement.SameCase;
        return Suffix.Length == 0 || other.Suffix.Length == 0 ? CaseAgreement.SameCase : CaseAgreement.CoDefendants;
    }

    /// <summary>The strongest agreement of any key of one list with any of the other (indexed loops: this runs for
    /// millions of pairs).</summary>
    public static CaseAgreement Compare(IReadOnlyList<CaseKey> a, IReadOnlyList<CaseKey> b)
    {
        var best = CaseAgreement.None;
        for (var i = 0; i < a.Count; i++)
        {
            for (var j = 0; j < b.Count; j++)
            {
                var agreement = a[i].Compare(b[j]);
                if (agreement > best) best = agreement;
                if (best == CaseAgreement.Same) return best;
            }
        }
        return best;
    }

    /// <summary>Letters and digits in upper case, every other character a separator.</summary>
    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>(4);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inToken = i < text.Length && char.IsAsciiLetterOrDigit(text[i]);
            if (inToken && start < 0) start = i;
            else if (!inToken && start >= 0)
            {
                tokens.Add(text[start..i].ToUpperInvariant());
                start = -1;
            }
        }
        return tokens;
    }

    private static bool IsDigits(string token) => token.All(char.IsAsciiDigit);

    /// <summary>One to three letters, maybe after one digit (<c>BA</c>, <c>LAV</c>, <c>8CA</c>).</summary>
    private static bool IsCourtPrefix(string head)
    {
        var letters = head.Length > 0 && char.IsAsciiDigit(head[0]) ? head[1..] : head;
        return letters.Length is >= 1 and <= 3 && letters.All(char.IsAsciiLetter);
    }
}
