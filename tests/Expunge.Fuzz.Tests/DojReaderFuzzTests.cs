using System.Text;
using CsCheck;
using Expunge.Doj;

namespace Expunge.Fuzz.Tests;

/// <summary>
/// Random extracts of good rows, hostile-but-valid rows and broken rows: every row comes back, in order, on its own
/// line number, as the values written (good) or as a rejection with the expected reason (broken); nothing throws.
/// </summary>
public sealed class DojReaderFuzzTests
{
    private static readonly Gen<string> ValidDate = Gen.Frequency(
        (3, Gen.Select(Gen.Int[1900, 2030], Gen.Int[1, 12], Gen.Int[1, 28], (y, m, d) => $"{y:D4}{m:D2}{d:D2}")),
        (2, Gen.OneOf("", "NULL", "00000000", "19880000", "19880500")));

    private static readonly Gen<string> InvalidDate = Gen.OneOf("99999999", "20201345", "2020-01-01", "1988", "ABCDEFGH", "１９８８０１０１", "-1", "19880532");

    private static readonly Gen<string[]> GoodFields = Gen.Select(Hostile.Text.Array[DojColumns.Count], Gen.Int[1, 99_999_999], ValidDate.Array[DojColumns.DateColumns.Count],
        (texts, subject, dates) =>
        {
            var fields = texts.Select(Hostile.Trimmed).ToArray();
            fields[DojColumns.RecordId] = fields[DojColumns.RecordId] == "RECORD_ID" ? "1" : fields[DojColumns.RecordId];
            fields[DojColumns.SubjectId] = subject.ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 0; i < dates.Length; i++) fields[DojColumns.DateColumns[i]] = dates[i];
            return fields;
        });

    private static WrittenRow Good(string[] fields, bool quoteAll)
    {
        var text = string.Join(',', fields.Select(f => Hostile.Csv(f, quoteAll)));
        return new WrittenRow(Encoding.UTF8.GetBytes(text), Hostile.LinesIn(text), fields, null);
    }

    private static WrittenRow Bad(string[] fields, string code, Func<string[], string[]> breakFields)
    {
        var text = string.Join(',', breakFields([.. fields]).Select(f => Hostile.Csv(f)));
        return new WrittenRow(Encoding.UTF8.GetBytes(text), Hostile.LinesIn(text), null, code);
    }

    private static readonly Gen<WrittenRow> Rows = Gen.Frequency(
        (12, Gen.Select(GoodFields, Gen.Bool, Good)),
        // At least two fields: a row cut to one blank value is a blank line, which carries no data and is no row.
        (1, Gen.Select(GoodFields, Gen.Int[2, 94], (f, n) => Bad(f, "FIELD_COUNT", x => [.. x.Take(n)]))),
        (1, Gen.Select(GoodFields, Gen.Int[1, 5], (f, n) => Bad(f, "FIELD_COUNT", x => [.. x, .. Enumerable.Repeat("EXTRA", n)]))),
        (1, Gen.Select(GoodFields, Gen.Int[0, DojColumns.Count - 1], (f, c) => Bad(f, "BINARY_DATA", x => { x[c] += "\0\0"; return x; }))),
        // A date nobody can read is kept as written (an unknown date, with a warning where a decision uses it).
        (1, Gen.Select(GoodFields, Gen.Int[0, DojColumns.DateColumns.Count - 1], InvalidDate, Gen.Bool,
            (f, c, d, quoteAll) => Good([.. f.Select((v, i) => i == DojColumns.DateColumns[c] ? d : v)], quoteAll))),
        (1, Gen.Select(GoodFields, Gen.OneOf("", "NULL", "   "), (f, s) => Bad(f, "MISSING_SUBJECT_ID", x => { x[DojColumns.SubjectId] = s; return x; }))),
        (1, Gen.Select(GoodFields, Gen.OneOf("GARCÍA,JOSÉ", "MÜLLER,JÜRGEN", "NUÑEZ,ANA"), Latin1Name)));

    /// <summary>A name in Windows-1252 bytes: not UTF-8, so it cannot be read without guessing the encoding.</summary>
    private static WrittenRow Latin1Name(string[] fields, string name)
    {
        fields = [.. fields];
        fields[DojColumns.PrimaryName] = "\u0001"; // replaced by the name's bytes below
        var text = string.Join(',', fields.Select(f => Hostile.Csv(f)));
        var at = Encoding.UTF8.GetBytes(text[..text.IndexOf('\u0001', StringComparison.Ordinal)]);
        var rest = Encoding.UTF8.GetBytes(text[(text.IndexOf('\u0001', StringComparison.Ordinal) + 1)..]);
        return new WrittenRow([.. at, (byte)'"', .. Hostile.Latin1(name), (byte)'"', .. rest], Hostile.LinesIn(text), null, "INVALID_ENCODING");
    }

    /// <summary>Rows, the line ending, and the seed of the chunk sizes the file arrives in.</summary>
    public static readonly Gen<(WrittenRow[] Rows, string LineEnd, int Chunks)> Extracts = Gen.Select(Rows.Array[1, 40], Gen.OneOf("\n", "\r\n"), Gen.Int);

    public static byte[] FileOf(IEnumerable<WrittenRow> rows, string lineEnd) =>
        WrittenRow.FileOf(string.Join(',', DojColumns.Names) + ",", rows, lineEnd);

    [Fact]
    public void Every_row_of_a_random_extract_is_read_back_or_rejected_for_its_fault_on_its_own_line()
    {
        Extracts.Sample(extract =>
        {
            var results = DojExtractReader.Read(new TrickleStream(FileOf(extract.Rows, extract.LineEnd), extract.Chunks)).ToList();

            WrittenRow.AssertReadBack(extract.Rows, [.. results.Select(r => (r.Row?.Line, r.Row?.Fields, r.Error))]);
        }, time: Fuzzing.Seconds, threads: 1);
    }

    [Fact]
    public void Random_bytes_never_throw_and_every_result_is_a_row_or_a_rejection()
    {
        Gen.Byte.Array[0, 4_000].Sample(bytes =>
        {
            foreach (var result in DojExtractReader.Read(new MemoryStream(bytes)))
            {
                Assert.True(result.Row is not null ^ result.Error is not null);
                if (result.Row is { } row) Assert.Equal(DojColumns.Count, row.Fields.Length);
            }
        }, time: Fuzzing.Seconds, threads: 1);
    }
}
