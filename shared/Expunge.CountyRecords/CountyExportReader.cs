using Expunge.Doj;
using nietras.SeparatedValues;

namespace Expunge.CountyRecords;

/// <summary>An accepted county row: values in <see cref="CountyLayout.Columns"/> order, dates as <c>YYYYMMDD</c>
/// (zeros for the unknown parts of a partial date), level and disposition upper case. <see cref="RecordId"/> groups the
/// rows of one case; <see cref="RowId"/> is the row's own key (<c>case#count</c>). <see cref="Warnings"/> names a value
/// that could not be read and is kept as written (an unknown date).</summary>
public sealed record CountyRow(long Line, string RecordId, string RowId, string[] Fields)
{
    public IReadOnlyList<RowError> Warnings { get; init; } = [];
}

public readonly record struct CountyReadResult(CountyRow? Row, RowError? Error);

/// <summary>The file is not a county export of the expected kind (no header, or required columns missing).</summary>
public sealed class CountyFileException(string message) : Exception(message);

/// <summary>
/// Streams a court or DA export (CSV with a header row; RFC 4180 quoting; values trimmed). Columns are found by name,
/// in any order; unknown columns are ignored. Each row is checked on its own and a bad row comes back as a
/// <see cref="RowError"/> naming the line and field; reading goes on. A row that names a case and a person is never
/// rejected for a date: a partial date of birth is a range, and a date that cannot be read is kept as written, read as
/// unknown, and reported as a warning (court-records.md).
/// </summary>
public static class CountyExportReader
{
    public static IEnumerable<CountyReadResult> Read(Stream stream, CountyLayout layout)
    {
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true, Trim = SepTrim.All }).From(stream);
        int[]? positions = null;
        var width = 0;
        var line = 1L;
        foreach (var row in reader)
        {
            var lineOfRow = line;
            line = row.LineNumberToExcl;
            if (row.ColCount == 1 && row.Span.IsWhiteSpace()) continue;
            if (positions is null)
            {
                (positions, width) = Header(row, layout);
                continue;
            }
            yield return Check(row, lineOfRow, layout, positions, width);
        }
        if (positions is null) throw new CountyFileException($"the file is empty: expected a {layout.Source} export header row ({string.Join(", ", layout.Columns.Take(3))}, …)");
    }

    private static (int[] Positions, int Width) Header(SepReader.Row row, CountyLayout layout)
    {
        var names = new List<string>(row.ColCount);
        for (var i = 0; i < row.ColCount; i++) names.Add(row[i].ToString().Trim().ToLowerInvariant());
        var missing = layout.Columns.Where(c => !names.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new CountyFileException(
                $"line 1 is not a {layout.Source} export header: missing column(s) {string.Join(", ", missing)} (court-records.md lists the {layout.Columns.Count} columns)");
        }
        return ([.. layout.Columns.Select(c => names.IndexOf(c))], names.Count);
    }

    private static CountyReadResult Check(SepReader.Row row, long line, CountyLayout layout, int[] positions, int width)
    {
        var raw = row.Span.ToString();
        if (raw.Contains('\0')) return Reject(line, "BINARY_DATA", "row contains binary data (NUL bytes); not a text export", raw.Replace('\0', '?'));
        if (raw.Contains(TextDecoding.NotUtf8, StringComparison.Ordinal)) return Reject(line, "INVALID_ENCODING", TextDecoding.NotUtf8Message, raw);
        if (row.ColCount != width) return Reject(line, "FIELD_COUNT", $"row has {row.ColCount} fields; the header has {width}", raw);
        var fields = new string[positions.Length];
        for (var i = 0; i < positions.Length; i++) fields[i] = row[positions[i]].ToString();
        return CheckFields(fields, line, layout, raw);
    }

    /// <summary>Checks one row's values (in <see cref="CountyLayout.Columns"/> order) and normalises them in place.</summary>
    public static CountyReadResult CheckFields(string[] fields, long line, CountyLayout layout, string raw)
    {
        string Field(string column) => fields[layout.Index(column)];
        var isEvent = layout == CountyLayout.Event;
        // An event need not be about a count (an arrest, a death); a row of an export always is.
        foreach (var required in isEvent ? (string[])["event_kind"] : [layout.RecordIdColumn, "count_number"])
        {
            if (Field(required).Length == 0) return Reject(line, "MISSING_FIELD", $"{required} is blank; every {(isEvent ? "event" : "row")} must have one", raw);
        }
        // The row must name its person somehow: a surname as a rule, else a given name or a CII number.
        if (Field("defendant_last_name").Length == 0 && Field("defendant_first_name").Length == 0 && Field("cii_number").Length == 0)
        {
            return Reject(line, "MISSING_FIELD", $"defendant_last_name is blank (and no first name or CII number names the person); every {(isEvent ? "event" : "row")} must name one", raw);
        }
        var count = 0;
        if ((!isEvent || Field("count_number").Length > 0) && (!int.TryParse(Field("count_number"), out count) || count < 1))
        {
            return Reject(line, "INVALID_COUNT", $"count_number is '{Field("count_number")}': expected a whole number from 1", raw);
        }
        if (isEvent)
        {
            var kind = Field("event_kind").ToLowerInvariant();
            if (!CountyColumns.EventKinds.Contains(kind))
            {
                return Reject(line, "INVALID_KIND", $"kind is '{Field("event_kind")}': expected one of {string.Join(", ", CountyColumns.EventKinds)}", raw);
            }
            fields[layout.Index("event_kind")] = kind;
        }
        List<RowError>? warnings = null;
        foreach (var column in CountyColumns.DateColumns.Where(layout.Columns.Contains))
        {
            var value = Field(column);
            if (value.Length == 0) continue;
            if (CountyDates.TryParse(value, out var date))
            {
                fields[layout.Index(column)] = CountyDates.ToStored(date);
            }
            else if (value.Any(char.IsAsciiDigit) && value.All(c => c == '0' || !char.IsAsciiDigit(c)))
            {
                fields[layout.Index(column)] = ""; // 00/00/0000: no date at all
            }
            else
            {
                (warnings ??= []).Add(new RowError(line, "UNKNOWN_DATE",
                    $"{column} is '{value}': expected YYYY-MM-DD, MM/DD/YYYY or YYYYMMDD (00 for an unknown month or day); kept as written and read as an unknown date", raw));
            }
        }
        var level = Field("charge_level").ToUpperInvariant();
        if (level.Length > 0 && !CountyColumns.Levels.Contains(level))
        {
            return Reject(line, "INVALID_LEVEL", $"charge_level is '{Field("charge_level")}': expected F, M or I", raw);
        }
        fields[layout.Index("charge_level")] = level;
        var disposition = Field("disposition").ToUpperInvariant();
        if (disposition.Length > 0 && !CountyColumns.Dispositions.Contains(disposition))
        {
            return Reject(line, "INVALID_DISPOSITION", $"disposition is '{Field("disposition")}': expected one of {string.Join(", ", CountyColumns.Dispositions)} or blank", raw);
        }
        fields[layout.Index("disposition")] = disposition;
        if (Field("charge_code").Length > 0 && CountyCharges.Parse(Field("charge_code")).Offenses.Count == 0)
        {
            return Reject(line, "INVALID_CHARGE", $"charge_code is '{Field("charge_code")}': no code section found (expected e.g. HS 11357(a), 11359 HS, PC 187)", raw);
        }
        var recordId = Field(layout.RecordIdColumn);
        return new CountyReadResult(new CountyRow(line, recordId, $"{recordId}#{count}", fields) { Warnings = warnings ?? [] }, null);
    }

    private static CountyReadResult Reject(long line, string code, string message, string raw) => new(null, new RowError(line, code, message, raw));
}
