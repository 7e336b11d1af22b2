using System.Globalization;

namespace Expunge.Doj;

/// <summary>
/// Reads DOJ charge text (doj-extract.md, "Code section") into normalised offenses. Sections are matched on token
/// boundaries, never as loose substrings: <c>11357 PC</c> is not cannabis, <c>261.5</c> is not <c>261</c>,
/// <c>653F</c> is section 653f while <c>653(F)</c> is section 653 subdivision (f).
/// </summary>
public static class ChargeParser
{
    /// <summary>California code abbreviations DOJ writes after a section number.</summary>
    private static readonly HashSet<string> Codes =
    [
        "HS", "PC", "VC", "BP", "MV", "WI", "CC", "CI", "ED", "EL", "EV", "FA", "FC", "FG", "FI", "GC", "HN", "IC", "LC",
        "PR", "PU", "RT", "SH", "UI", "WC", "CP", "MC", "LA", "US",
    ];

    public const string SeeComment = "SEE COMMENT FOR CHARGE";

    /// <summary>
    /// The charge of a row: from OFFENSE_DESCR, or from COMMENT_TEXT when the description is blank or says to see it.
    /// </summary>
    public static Charge FromRow(string offenseDescription, string commentText) => Parse(ChargeText(offenseDescription, commentText).ToString());

    /// <summary>Where a row's charge is written: OFFENSE_DESCR, or COMMENT_TEXT when that is blank or says to see it.</summary>
    public static ReadOnlySpan<char> ChargeText(ReadOnlySpan<char> offenseDescription, ReadOnlySpan<char> commentText)
    {
        var text = offenseDescription.Trim();
        return DojValues.IsBlank(text) || text.Equals(SeeComment, StringComparison.OrdinalIgnoreCase) ? commentText.Trim() : text;
    }

    public static Charge Parse(string text)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            return Charge.None;
        }
        var codeAt = FindCodeToken(text);
        string codeSection, description, sectionText, code;
        if (codeAt >= 0)
        {
            codeSection = text[..(codeAt + 2)].Trim();
            description = text[(codeAt + 2)..].TrimStart(' ', '-').Trim();
            sectionText = text[..codeAt];
            code = text.Substring(codeAt, 2).ToUpperInvariant();
        }
        else
        {
            var dash = text.IndexOf('-', StringComparison.Ordinal);
            codeSection = (dash < 0 ? text : text[..dash]).Trim();
            description = dash < 0 ? "" : text[(dash + 1)..].Trim();
            sectionText = codeSection;
            code = "";
        }
        return new Charge(codeSection, description, ParseSections(sectionText, code));
    }

    /// <summary>The first known code abbreviation standing as its own token (a letter on neither side).</summary>
    private static int FindCodeToken(string text)
    {
        for (var i = 0; i + 2 <= text.Length; i++)
        {
            if ((i == 0 || !char.IsLetter(text[i - 1]))
                && (i + 2 == text.Length || !char.IsLetter(text[i + 2]))
                && Codes.Contains(text.Substring(i, 2).ToUpperInvariant()))
            {
                // A code only follows a section: "HS" at the very start is a word, not a code.
                if (i > 0 && text[..i].Any(char.IsAsciiDigit))
                {
                    return i;
                }
            }
        }
        return -1;
    }

    /// <summary>Splits <c>664/11357(C)</c>, <c>246/186.22(B)(4)</c>, <c>186.22(B)(4)-136.1</c> into offenses.</summary>
    internal static IReadOnlyList<Offense> ParseSections(string sectionText, string code)
    {
        var s = string.Concat(sectionText.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        var attempt = false;
        if (s.Length > 4 && s.StartsWith("664", StringComparison.Ordinal) && s[3] is '/' or '-' or '.' && char.IsAsciiDigit(s[4]))
        {
            attempt = true;
            s = s[4..];
        }
        else if (s.Length >= 8 && s.StartsWith("664", StringComparison.Ordinal) && s.AsSpan(3, 5).IndexOfAnyExceptInRange('0', '9') < 0
                 && (s.Length == 8 || !char.IsAsciiDigit(s[8])))
        {
            attempt = true; // "66411357(A)": 664 glued to a five-digit section
            s = s[3..];
        }

        var offenses = new List<Offense>();
        foreach (var part in s.Split(['/', '-'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (ParsePart(part, code, attempt && offenses.Count == 0) is { } offense)
            {
                offenses.Add(offense);
            }
        }
        return offenses;
    }

    private static Offense? ParsePart(string part, string code, bool attempt)
    {
        var i = 0;
        while (i < part.Length && char.IsAsciiDigit(part[i])) i++;
        if (i == 0)
        {
            return null;
        }
        if (i + 1 < part.Length && part[i] == '.' && char.IsAsciiDigit(part[i + 1]))
        {
            i++;
            while (i < part.Length && char.IsAsciiDigit(part[i])) i++;
        }
        var number = part[..i];
        var isCannabisNumber = Offense.Prop64Sections.Contains(number);
        // An 11357–11360 number with no code is H&S; with another code it is another law's section.
        var effectiveCode = code.Length == 0 && isCannabisNumber ? "HS" : code;

        var subsections = new List<string>();
        var section = number;
        var glued = i;
        while (glued < part.Length && char.IsAsciiLetterOrDigit(part[glued])) glued++;
        var gluedText = part[i..glued];
        if (gluedText.Length > 0)
        {
            if (isCannabisNumber)
            {
                // 11357B2 = 11357(b)(2): letters and digits glued to an H&S 11357–11360 number are its subsection path.
                subsections.AddRange(SplitLettersAndDigits(gluedText));
            }
            else
            {
                // 288A = section 288a, 273AB = 273ab: for every other section a glued letter is part of its name.
                var letters = new string([.. gluedText.TakeWhile(char.IsAsciiLetter)]);
                section += letters.ToLowerInvariant();
                subsections.AddRange(SplitLettersAndDigits(gluedText[letters.Length..]));
            }
        }
        i = glued;
        while (i < part.Length && part[i] == '(')
        {
            var close = part.IndexOf(')', i);
            if (close < 0) break;
            var token = part[(i + 1)..close].Trim().ToLowerInvariant();
            if (token.Length > 0) subsections.Add(token);
            i = close + 1;
        }
        return new Offense(effectiveCode, section, subsections, attempt);
    }

    private static IEnumerable<string> SplitLettersAndDigits(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || char.IsAsciiDigit(text[i]) != char.IsAsciiDigit(text[i - 1]))
            {
                yield return text[start..i].ToLower(CultureInfo.InvariantCulture);
                start = i;
            }
        }
    }
}
