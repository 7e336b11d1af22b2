using System.Globalization;
using Expunge.Doj;

namespace Expunge.EligibilityRules;

/// <summary>
/// The results file's columns (eligibility.md, "Results file"), so the offline analysis and the services write the
/// same <c>convictions.csv</c>. Dates are ISO with a partial date's known parts only; lists are <c>;</c>-joined.
/// </summary>
public static class ConvictionRows
{
    public static readonly IReadOnlyList<string> Header =
    [
        "subject_id", "cnt_order", "cii_number", "name", "dob", "case_number", "county", "code_section", "section", "subsection",
        "level", "conviction_date", "determination", "reason_code", "reason", "policy", "policy_version", "as_of",
        "possible_other_p64_charge", "superstrike_sections", "pc290_sections", "pc290_registration", "prior_convictions",
        "prop64_convictions", "years_since_conviction", "deceased",
    ];

    /// <summary>The position of a column in <see cref="Header"/> (and in every row).</summary>
    public static int ColumnIndex(string column)
    {
        var index = Header.ToList().IndexOf(column);
        return index >= 0 ? index : throw new ArgumentOutOfRangeException(nameof(column), column, "not a results column");
    }

    public static IReadOnlyList<string> Row(Decision d) =>
    [
        d.Person.SubjectId,
        d.Conviction.CntOrder,
        d.Person.CiiNumber,
        d.Person.Name,
        d.Person.DateOfBirth?.ToString() ?? "",
        d.Conviction.CaseNumber,
        d.Conviction.County,
        d.Conviction.Charge.CodeSection,
        d.Offense.Section, // an attempt shows in code_section (664/…); the section is the offense attempted
        d.Offense.SubsectionText,
        d.Conviction.IsFelony ? "felony" : "misdemeanor or infraction",
        d.Conviction.Date?.ToString() ?? "",
        d.Determination,
        d.ReasonCode,
        d.Reason,
        d.Policy.Name,
        d.Policy.Version.ToString(CultureInfo.InvariantCulture),
        d.Policy.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Bool(d.Facts.PossibleOtherProp64Charge),
        string.Join(";", d.Facts.SuperstrikeSections),
        string.Join(";", d.Facts.Pc290Sections),
        string.Join(";", d.Facts.Pc290Registrations),
        d.Facts.PriorConvictions.ToString(CultureInfo.InvariantCulture),
        d.Facts.Prop64Convictions.ToString(CultureInfo.InvariantCulture),
        d.Facts.YearsSinceConviction?.ToString(CultureInfo.InvariantCulture) ?? "",
        Bool(d.Facts.Deceased),
    ];

    /// <summary>Subject ids that are all digits sort as numbers; anything else ordinally. Then CNT_ORDER.</summary>
    public static int Compare(Decision a, Decision b)
    {
        var bySubject = CompareIds(a.Person.SubjectId, b.Person.SubjectId);
        return bySubject != 0 ? bySubject : string.CompareOrdinal(a.Conviction.CntOrder, b.Conviction.CntOrder);
    }

    public static int CompareIds(string a, string b)
    {
        if (a.Length != b.Length && a.All(char.IsAsciiDigit) && b.All(char.IsAsciiDigit))
        {
            return a.Length.CompareTo(b.Length);
        }
        return string.CompareOrdinal(a, b);
    }

    /// <summary>RFC 4180: quote a field holding a comma, quote or line break.</summary>
    public static string ToCsvLine(IEnumerable<string> fields) =>
        string.Join(',', fields.Select(f => f.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{f.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : f));

    private static string Bool(bool value) => value ? "true" : "false";
}
