using System.Text.RegularExpressions;
using Expunge.Doj;

namespace Expunge.CountyRecords;

/// <summary>
/// Charge codes as courts and prosecutors write them (<c>HS 11357(a)</c>, <c>11357(A) HS</c>, <c>H&amp;S 11359</c>,
/// <c>PC 187</c>, <c>664/11360(a)(2) HS</c>, <c>HS11357</c>) turned into the DOJ spelling (section, then code) and parsed
/// by the same <see cref="ChargeParser"/> as the extract, so every source's offenses compare alike.
/// </summary>
public static partial class CountyCharges
{
    public static Charge Parse(string code, string description = "")
    {
        var normal = Normalise(code);
        var charge = ChargeParser.Parse(normal);
        return description.Length > 0 ? charge with { Description = description } : charge;
    }

    public static string Normalise(string code)
    {
        var text = CodeSpellings().Replace(code.Trim().ToUpperInvariant(), m => m.Groups["code"].Value switch
        {
            var c when c.StartsWith('H') => "HS",
            var c when c.StartsWith('P') => "PC",
            _ => "VC",
        });
        // A code written first ("HS 11357(A)", "PC-187", "HS11357") goes after the section, as DOJ writes it.
        var leading = LeadingCode().Match(text);
        return leading.Success ? $"{leading.Groups["rest"].Value.Trim()} {leading.Groups["code"].Value}" : text;
    }

    [GeneratedRegex(@"(?<code>H\s*&\s*S|H\s+AND\s+S|H\.\s*S\.|HSC|H/S|P\.\s*C\.|V\.\s*C\.)(?![A-Z])")]
    private static partial Regex CodeSpellings();

    [GeneratedRegex(@"^(?<code>[A-Z]{2})[\s\-]*(?<rest>[0-9].*)$")]
    private static partial Regex LeadingCode();
}
