using System.Text;
using Expunge.Doj;

namespace Expunge.Doj.Tests;

public sealed class DojExtractReaderTests
{
    [Fact]
    public void Header_with_trailing_comma_is_skipped_and_rows_are_read()
    {
        var results = ExtractText.Read(ExtractText.Header(), ExtractText.Row("100"), ExtractText.Row("200"));

        Assert.Equal(["100", "200"], results.Select(r => r.Row!.SubjectId));
        Assert.Equal([2L, 3L], results.Select(r => r.Row!.Line));
    }

    [Fact]
    public void Header_without_trailing_comma_is_skipped_too()
    {
        var results = ExtractText.Read(ExtractText.Header(trailingComma: false), ExtractText.Row("100"));

        Assert.Single(results);
        Assert.Equal("100", results[0].Row!.SubjectId);
    }

    [Fact]
    public void A_row_with_the_wrong_field_count_is_rejected_with_its_line_and_the_rest_flows()
    {
        var good = ExtractText.Row("100");
        var results = ExtractText.Read(ExtractText.Header(), good, "1,ACTIVE,200,#,too,few", good, good + ",EXTRA");

        Assert.Equal(4, results.Count);
        var rejected = results.Where(r => r.Error is not null).Select(r => r.Error!).ToList();
        Assert.Equal([3L, 5L], rejected.Select(e => e.Line));
        Assert.All(rejected, e => Assert.Equal("FIELD_COUNT", e.Code));
        Assert.Contains("6 fields; expected 95", rejected[0].Message, StringComparison.Ordinal);
        Assert.Contains("96 fields; expected 95", rejected[1].Message, StringComparison.Ordinal);
        Assert.Equal(2, results.Count(r => r.Row is not null));
    }

    [Fact]
    public void Quoted_names_keep_their_comma_and_values_are_trimmed()
    {
        var row = ExtractText.Row("  100 ", (DojColumns.PrimaryName, "DOE,JANE M"), (DojColumns.Gender, "F   "));
        var result = Assert.Single(ExtractText.Read(row));

        Assert.Equal("100", result.Row!.SubjectId);
        Assert.Equal("DOE,JANE M", result.Row.Fields[DojColumns.PrimaryName]);
        Assert.Equal("F", result.Row.Fields[DojColumns.Gender]);
    }

    [Fact]
    public void A_quoted_value_may_span_lines_and_the_next_row_keeps_its_own_line_number()
    {
        var fields = Enumerable.Repeat("", DojColumns.Count).ToArray();
        fields[DojColumns.SubjectId] = "100";
        fields[93] = "\"COMMENT ON\nTWO LINES\"";
        var results = ExtractText.Read(string.Join(',', fields), "", ExtractText.Row("200"));

        Assert.Equal(2, results.Count); // the blank line carries no data and is not a row
        Assert.Equal("COMMENT ON\nTWO LINES", results[0].Row!.Fields[93]);
        Assert.Equal(1L, results[0].Row!.Line);
        Assert.Equal(4L, results[1].Row!.Line);
    }

    [Theory]
    [InlineData("19880000")]
    [InlineData("19880500")]
    [InlineData("19880517")]
    [InlineData("")]
    [InlineData("NULL")]
    [InlineData("00000000")]
    public void Partial_and_missing_dates_are_accepted(string date)
    {
        var result = Assert.Single(ExtractText.Read(ExtractText.Row("100", (DojColumns.PrimaryDob, date), (DojColumns.StepEventDate, date))));

        Assert.NotNull(result.Row);
    }

    [Theory]
    [InlineData("20171345", "month above 12")]
    [InlineData("19880230", "no such day in that month")]
    [InlineData("19880005", "day given without a month")]
    [InlineData("99999999", "year out of range")]
    [InlineData("1988051", "expected 8 digits YYYYMMDD")]
    [InlineData("2017-01-05", "expected 8 digits YYYYMMDD")]
    public void An_impossible_decision_date_is_an_unknown_date_and_a_warning_naming_the_field_never_a_rejection(string date, string problem)
    {
        var result = Assert.Single(ExtractText.Read(ExtractText.Row("100", (DojColumns.StepEventDate, date))));

        var row = Assert.IsType<DojRow>(result.Row);
        Assert.Equal(date, row.Fields[DojColumns.StepEventDate]);
        var warning = Assert.Single(row.Warnings);
        Assert.Equal(("UNKNOWN_DATE", 1L), (warning.Code, warning.Line));
        Assert.Contains("STP_EVENT_DATE (field 41)", warning.Message, StringComparison.Ordinal);
        Assert.Contains(problem, warning.Message, StringComparison.Ordinal);
        Assert.Null(DojDate.ParseOrNull(row.Fields[DojColumns.StepEventDate]));
    }

    [Fact]
    public void A_field_no_decision_uses_is_kept_as_written_whatever_it_holds()
    {
        var result = Assert.Single(ExtractText.Read(ExtractText.Row("100", (DojColumns.RequestedDob, "-"), (DojColumns.DispositionDate, "N/A"), (DojColumns.CycleDate, "?"))));

        var row = Assert.IsType<DojRow>(result.Row);
        Assert.Empty(row.Warnings);
        Assert.Equal(("-", "N/A"), (row.Fields[DojColumns.RequestedDob], row.Fields[DojColumns.DispositionDate]));
    }

    /// <summary>The reference tool's generated test extract writes a filler <c>  -  </c> in every field it does not set:
    /// every such row is read, and the conviction it holds is decided on what is set.</summary>
    [Fact]
    public void An_extract_with_filler_in_every_unused_field_is_read_without_a_rejection()
    {
        var set = new Dictionary<int, string>
        {
            [DojColumns.RecordId] = "1", [DojColumns.SubjectId] = "100", [DojColumns.CiiNumber] = "A12345678", [DojColumns.PrimaryName] = "DOE,JOHN",
            [DojColumns.Gender] = "M", [DojColumns.PrimaryDob] = "19700101", [36] = "1", [DojColumns.CycleDate] = "20100101", [39] = "1",
            [DojColumns.StepEventDate] = "20100201", [DojColumns.StepTypeDescription] = "COURT ACTION", [DojColumns.StepAgencyCountyName] = "LOS ANGELES",
            [DojColumns.CountOrder] = "001001001000", [DojColumns.OffenseDescription] = "11359 HS-POSSESS MARIJUANA FOR SALE",
            [DojColumns.OffenseToc] = "F", [DojColumns.DispositionDescription] = "CONVICTED-JAIL",
        };
        var fields = Enumerable.Range(0, DojColumns.Count).Select(c => set.TryGetValue(c, out var v) ? v.Contains(',') ? $"\"{v}\"" : v : "  -  ");
        var results = ExtractText.Read(ExtractText.Header(), string.Join(',', fields), string.Join(',', fields));

        Assert.All(results, r => Assert.Null(r.Error));
        Assert.All(results, r => Assert.Empty(r.Row!.Warnings));
        var builder = new RapSheetBuilder("100");
        foreach (var row in results) builder.Add(new DojFieldArray(row.Row!.Fields));
        var conviction = Assert.Single(builder.Build().Convictions);
        // The filler level leaves the level to OFFENSE_TOC; the filler sentence is no sentence, not one of unknown length.
        Assert.Equal((new DojDate(2010, 2, 1), "", true), (conviction.Date!.Value, conviction.CaseNumber, conviction.IsFelony));
        Assert.Equal(Sentence.None, conviction.Sentence);
        Assert.Empty(conviction.EventNumbers);
    }

    [Fact]
    public void A_row_without_subject_id_is_rejected()
    {
        var result = Assert.Single(ExtractText.Read(ExtractText.Row("")));

        Assert.Equal("MISSING_SUBJECT_ID", result.Error!.Code);
    }

    [Fact]
    public void Binary_data_is_rejected_as_such()
    {
        var results = ExtractText.Read("\0\u0001\u0002garbage", ExtractText.Row("100"));

        Assert.Equal("BINARY_DATA", results[0].Error!.Code);
        Assert.NotNull(results[1].Row);
    }

    [Fact]
    public void A_binary_row_keeps_500_characters_of_its_text_and_never_half_a_surrogate_pair()
    {
        // The fuzzer's find: the 500th character was the first half of an emoji, and the lone surrogate could not be
        // stored, failing the whole upload.
        var results = ExtractText.Read("\0" + new string('A', 498) + "\U0001F600 MORE");

        var raw = results[0].Error!.RawText;
        Assert.Equal(499, raw.Length);
        Assert.DoesNotContain(raw, char.IsSurrogate);
    }

    [Fact]
    public void A_row_that_is_not_utf8_is_rejected_and_the_rows_around_it_are_read()
    {
        var good = Encoding.UTF8.GetBytes(ExtractText.Row("100") + "\n");
        var latin1 = Encoding.Latin1.GetBytes(ExtractText.Row("200", (DojColumns.PrimaryName, "GARCÍA,JOSÉ")) + "\n");

        var results = DojExtractReader.Read(new MemoryStream([.. good, .. latin1, .. good])).ToList();

        Assert.Equal([null, "INVALID_ENCODING", null], results.Select(r => r.Error?.Code));
        Assert.Equal(2L, results[1].Error!.Line);
        Assert.Contains("not UTF-8", results[1].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_streams_rather_than_loading_the_whole_input()
    {
        // An endless stream: if the reader buffered the input before yielding, this would never return.
        using var endless = new EndlessRows(ExtractText.Row("100") + "\n");

        var first = DojExtractReader.Read(endless).Take(3).ToList();

        Assert.Equal(3, first.Count);
    }

    private sealed class EndlessRows(string row) : Stream
    {
        private readonly byte[] _row = Encoding.UTF8.GetBytes(row);
        private int _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++)
            {
                buffer[offset + i] = _row[_position];
                _position = (_position + 1) % _row.Length;
            }
            return count;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
