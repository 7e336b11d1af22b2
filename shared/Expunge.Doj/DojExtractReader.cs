using nietras.SeparatedValues;

namespace Expunge.Doj;

/// <summary>One row of the extract that passed the shape checks: trimmed fields, <c>NULL</c> kept as written.</summary>
public sealed record DojRow(long Line, string[] Fields)
{
    public string SubjectId => Fields[DojColumns.SubjectId];
}

/// <summary>A row that could not be read, with a reason a person understands.</summary>
public sealed record DojRowError(long Line, string Code, string Message, string RawText);

/// <summary>Either a row or the reason it was rejected.</summary>
public readonly record struct DojReadResult(DojRow? Row, DojRowError? Error);

/// <summary>
/// Streams an extract row by row (RFC 4180 quoting, values trimmed). Rows are checked one at a time and a bad row
/// never stops the file: it comes back as a <see cref="DojRowError"/> and reading goes on.
/// </summary>
public static class DojExtractReader
{
    public static IEnumerable<DojReadResult> Read(Stream stream)
    {
        using var reader = Sep.New(',').Reader(o => o with
        {
            HasHeader = false,
            DisableColCountCheck = true,
            DisableQuotesParsing = false,
            Unescape = true,
            Trim = SepTrim.All,
        }).From(stream);

        // Sep reports LineNumberFrom wrongly for a first row that spans lines; the end of the previous row is exact.
        var line = 1L;
        foreach (var row in reader)
        {
            var result = Classify(row, line);
            line = row.LineNumberToExcl;
            if (result is { } readResult)
            {
                yield return readResult;
            }
        }
    }

    /// <returns>The row or its rejection; <c>null</c> for a line that carries no data (a header, a blank line).</returns>
    private static DojReadResult? Classify(SepReader.Row row, long line)
    {
        var fieldCount = row.ColCount;
        if (fieldCount == 1 && row.Span.IsWhiteSpace())
        {
            return null;
        }
        if (row[0].Span.SequenceEqual("RECORD_ID"))
        {
            // Header row (also tolerated mid-stream, where split deliveries were concatenated). Its trailing comma
            // makes 96 fields; anything else is not a header of this format.
            var isHeader = fieldCount == DojColumns.Count || (fieldCount == DojColumns.Count + 1 && row[DojColumns.Count].Span.Length == 0);
            return isHeader ? null : Reject(line, "HEADER", $"header row has {fieldCount} fields; expected {DojColumns.Count}", row.Span.ToString());
        }
        if (row.Span.Contains('\0'))
        {
            return Reject(line, "BINARY_DATA", "row contains binary data (NUL bytes); not a text extract", Printable(row.Span));
        }
        if (fieldCount != DojColumns.Count)
        {
            return Reject(line, "FIELD_COUNT", $"row has {fieldCount} fields; expected {DojColumns.Count}", row.Span.ToString());
        }
        var fields = new string[DojColumns.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = row[i].ToString();
        }
        return Check(line, fields, row.Span);
    }

    private static DojReadResult Check(long line, string[] fields, ReadOnlySpan<char> raw)
    {
        if (fields[DojColumns.SubjectId].Length == 0 || fields[DojColumns.SubjectId] == "NULL")
        {
            return Reject(line, "MISSING_SUBJECT_ID", "SUBJECT_ID (field 3) is blank; every row must name its DOJ subject", raw.ToString());
        }
        foreach (var column in DojColumns.DateColumns)
        {
            var value = fields[column];
            if (!DojDate.IsMissing(value) && !DojDate.TryParse(value, out _, out var problem))
            {
                return Reject(line, "INVALID_DATE",
                    $"{DojColumns.Names[column]} (field {column + 1}) is '{value}': {problem} (partial dates like 19880000 or 19880500 are accepted)",
                    raw.ToString());
            }
        }
        return new DojReadResult(new DojRow(line, fields), null);
    }

    private static DojReadResult Reject(long line, string code, string message, string raw) =>
        new(null, new DojRowError(line, code, message, raw));

    private static string Printable(ReadOnlySpan<char> raw) =>
        string.Create(Math.Min(raw.Length, 500), raw.ToString(), (span, s) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = char.IsControl(s[i]) ? '?' : s[i];
            }
        });
}
