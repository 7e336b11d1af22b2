using System.Text;
using CsCheck;
using Expunge.CountyRecords;

namespace Expunge.Fuzz.Tests;

/// <summary>
/// Random court and DA exports, columns in any order with unknown ones among them: every row comes back in order on
/// its own line, normalised (dates YYYYMMDD, level and disposition upper case) or rejected for its fault.
/// </summary>
public sealed class CountyReaderFuzzTests
{
    /// <summary>A value per column of the layout (written) and what the reader hands on for it (expected).</summary>
    private sealed record Value(string Written, string Expected);

    private static readonly Gen<Value> Date = Gen.Select(Gen.Int[1900, 2030], Gen.Int[1, 12], Gen.Int[1, 28], Gen.Int[0, 3], (y, m, d, form) =>
    {
        var expected = $"{y:D4}{m:D2}{d:D2}";
        return new Value(form switch { 0 => $"{y:D4}-{m:D2}-{d:D2}", 1 => $"{m:D2}/{d:D2}/{y:D4}", 2 => $"{m}/{d}/{y:D4}", _ => expected }, expected);
    });

    /// <summary>A date with unknown parts: a range, kept in DOJ's partial form.</summary>
    private static readonly Gen<Value> PartialDate = Gen.Select(Gen.Int[1900, 2030], Gen.Int[1, 12], Gen.Int[0, 3], (y, m, form) => form switch
    {
        0 => new Value($"00/00/{y:D4}", $"{y:D4}0000"),
        1 => new Value($"{y:D4}-00-00", $"{y:D4}0000"),
        2 => new Value($"{y:D4}-{m:D2}-00", $"{y:D4}{m:D2}00"),
        _ => new Value($"{m:D2}/00/{y:D4}", $"{y:D4}{m:D2}00"),
    });

    /// <summary>No date at all, or one nobody can read: the row is kept (a warning names an unreadable one), the value
    /// as written.</summary>
    private static readonly Gen<Value> NoDate = Gen.OneOf(
        new Value("00000000", ""), new Value("00/00/0000", ""), new Value("99999999", "99999999"), new Value("2020-02-30", "2020-02-30"),
        new Value("13/01/2020", "13/01/2020"), new Value("ABC", "ABC"), new Value("2020/01/01", "2020/01/01"), new Value("20201345", "20201345"));

    private static Gen<Value> Column(string column) => column switch
    {
        _ when CountyColumns.DateColumns.Contains(column) => Gen.Frequency((1, Gen.Const(new Value("", ""))), (4, Date), (1, PartialDate), (1, NoDate)),
        "count_number" => Gen.Int[1, 99].Select(n => new Value(n.ToString(System.Globalization.CultureInfo.InvariantCulture), n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        "charge_level" => Gen.OneOf("", "F", "m", "I").Select(l => new Value(l, l.ToUpperInvariant())),
        "disposition" => Gen.OneOf("", "CONVICTED", "dismissed", "Acquitted", "DIVERTED", "pending").Select(d => new Value(d, d.ToUpperInvariant())),
        "charge_code" => Gen.OneOf("", "HS 11357(a)", "11359 HS", "PC 187", "11357(B) H&S", "VC 23152(a)").Select(c => new Value(c, c)),
        "court_case_number" or "agency_case_number" or "defendant_last_name" =>
            Gen.String[Gen.Char['A', 'Z'], 1, 10].Select(s => new Value(s, s)),
        _ => Hostile.Text.Select(t => new Value(Hostile.Trimmed(t), Hostile.Trimmed(t))),
    };

    private static Gen<Value[]> Values(CountyLayout layout) =>
        layout.Columns.Select(Column).Aggregate(Gen.Const(Array.Empty<Value>()), (all, next) => Gen.Select(all, next, (a, v) => (Value[])[.. a, v]));

    /// <summary>What breaks a row, and the rejection it must get: a column and the value written into it.</summary>
    private static readonly (string Code, string Column, string[] Values)[] Faults =
    [
        ("INVALID_COUNT", "count_number", ["0", "-1", "x", "1.5", "99999999999"]),
        ("MISSING_FIELD", "count_number", [""]),
        ("MISSING_FIELD", "defendant_last_name", ["", "   "]),
        ("INVALID_LEVEL", "charge_level", ["X", "FEL", "1"]),
        ("INVALID_DISPOSITION", "disposition", ["MAYBE", "GUILTY?"]),
        ("INVALID_CHARGE", "charge_code", ["NONE", "UNKNOWN"]),
        ("BINARY_DATA", "defendant_first_name", ["A\0B"]),
    ];

    private static Gen<WrittenRow> Rows(CountyLayout layout, int[] order)
    {
        string Line(string[] inLayoutOrder) => string.Join(',', order.Select(i => i < 0 ? "UNUSED" : Hostile.Csv(inLayoutOrder[i])));
        var good = Values(layout).Select(values =>
        {
            var text = Line([.. values.Select(v => v.Written)]);
            return new WrittenRow(Encoding.UTF8.GetBytes(text), Hostile.LinesIn(text), [.. values.Select(v => v.Expected)], null);
        });
        var bad = Gen.Select(Values(layout), Gen.Int[0, Faults.Length - 1], Gen.Int[0, 9], (values, f, v) =>
        {
            var (code, column, written) = Faults[f];
            var fields = values.Select(x => x.Written).ToArray();
            fields[layout.Index(column)] = written[v % written.Length];
            // A row without a surname is kept when a given name or CII names the person: without any, it names no one.
            if (column == "defendant_last_name") fields[layout.Index("defendant_first_name")] = fields[layout.Index("cii_number")] = "";
            var text = Line(fields);
            return new WrittenRow(Encoding.UTF8.GetBytes(text), Hostile.LinesIn(text), null, code);
        });
        var wrongWidth = Gen.Select(Values(layout), Gen.Bool, (values, shorter) =>
        {
            var written = order.Select(i => i < 0 ? "UNUSED" : Hostile.Csv(values[i].Written)).ToList();
            var text = string.Join(',', shorter ? written.SkipLast(1) : [.. written, "EXTRA"]);
            return new WrittenRow(Encoding.UTF8.GetBytes(text), Hostile.LinesIn(text), null, "FIELD_COUNT");
        });
        var latin1 = Values(layout).Select(values =>
        {
            // Such a system writes only what Windows-1252 holds: other values are plain.
            var fields = values.Select(x => x.Written.Any(c => c > '\u00FF') ? "PLAIN" : x.Written).ToArray();
            fields[layout.Index("defendant_first_name")] = "JOSÉ";
            var text = Line(fields);
            return new WrittenRow(Encoding.Latin1.GetBytes(text), Hostile.LinesIn(text), null, "INVALID_ENCODING");
        });
        return Gen.Frequency((12, good), (3, bad), (1, wrongWidth), (1, latin1));
    }

    /// <summary>A layout's columns shuffled, with unknown columns (-1) among them.</summary>
    private static Gen<int[]> Orders(CountyLayout layout) =>
        Gen.Select(Gen.Shuffle(Enumerable.Range(0, layout.Columns.Count).ToArray()), Gen.Int[0, 2], (shuffled, unknown) => (int[])[.. shuffled, .. Enumerable.Repeat(-1, unknown)]);

    /// <summary>Column order, rows, line ending, and the seed of the chunk sizes the file arrives in.</summary>
    private static Gen<(int[] Order, WrittenRow[] Rows, string LineEnd, int Chunks)> Exports(CountyLayout layout) =>
        Orders(layout).SelectMany(order => Gen.Select(Rows(layout, order).Array[1, 30], Gen.OneOf("\n", "\r\n"), Gen.Int, (rows, end, chunks) => (order, rows, end, chunks)));

    [Theory]
    [InlineData("court")]
    [InlineData("da")]
    public void Every_row_of_a_random_export_is_read_back_normalised_or_rejected_for_its_fault(string source)
    {
        var layout = CountyLayout.Of(source);
        Exports(layout).Sample(export =>
        {
            var header = string.Join(',', export.Order.Select(i => i < 0 ? "extra_column" : layout.Columns[i].ToUpperInvariant()));
            var file = WrittenRow.FileOf(header, export.Rows, export.LineEnd);

            var results = CountyExportReader.Read(new TrickleStream(file, export.Chunks), layout).ToList();

            WrittenRow.AssertReadBack(export.Rows, [.. results.Select(r => (r.Row?.Line, r.Row?.Fields, r.Error))]);
        }, time: Fuzzing.Seconds, threads: 1);
    }

    [Theory]
    [InlineData("court")]
    [InlineData("da")]
    public void Random_bytes_are_rejected_as_a_file_or_row_by_row_and_never_crash_the_reader(string source)
    {
        var layout = CountyLayout.Of(source);
        var header = Encoding.UTF8.GetBytes(string.Join(',', layout.Columns) + "\n");
        Gen.Select(Gen.Bool, Gen.Byte.Array[0, 3_000]).Sample(input =>
        {
            var (withHeader, bytes) = input;
            try
            {
                foreach (var result in CountyExportReader.Read(new MemoryStream(withHeader ? [.. header, .. bytes] : bytes), layout))
                {
                    Assert.True(result.Row is not null ^ result.Error is not null);
                }
            }
            catch (CountyFileException e) when (!withHeader)
            {
                // Without a header the file as a whole is refused, saying what header was expected.
                Assert.Matches("header|empty", e.Message);
            }
        }, time: Fuzzing.Seconds, threads: 1);
    }
}
