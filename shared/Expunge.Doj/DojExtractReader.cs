using nietras.SeparatedValues;

namespace Expunge.Doj;

/// <summary>One row of the extract that passed the shape checks: trimmed fields, <c>NULL</c> kept as written;
/// <see cref="Warnings"/> names a value it holds that is read as unknown.</summary>
public sealed record DojRow(long Line, string[] Fields)
{
    public string SubjectId => Fields[DojColumns.SubjectId];

    public IReadOnlyList<RowError> Warnings { get; init; } = [];
}

/// <summary>A row that could not be read, with a reason a person understands; or, as a warning, a value of a kept row
/// that could not be read (the row is used, the value is unknown).</summary>
public sealed record RowError(long Line, string Code, string Message, string RawText);

/// <summary>Either a row or the reason it was rejected.</summary>
public readonly record struct DojReadResult(DojRow? Row, RowError? Error);

/// <summary>The fields of one accepted row, however they are held (a parser's buffer or an array).</summary>
public interface IDojFields
{
    /// <summary>The trimmed value of a column (0-based, see <see cref="DojColumns"/>).</summary>
    ReadOnlySpan<char> this[int column] { get; }
}

/// <summary>An accepted row straight from the parser's buffer: nothing is allocated until a caller copies a value.</summary>
public readonly ref struct DojRowView(SepReader.Row row, long line) : IDojFields
{
    private readonly SepReader.Row _row = row;

    public long Line { get; } = line;

    public ReadOnlySpan<char> this[int column] => _row[column].Span;
}

/// <summary>An accepted row held as strings (as ingestion stores it and the bus carries it).</summary>
public readonly struct DojFieldArray(IReadOnlyList<string> fields) : IDojFields
{
    public ReadOnlySpan<char> this[int column] => fields[column];
}

/// <summary>Receives rows from <see cref="DojExtractReader.Scan{TSink}"/>.</summary>
public interface IDojRowSink
{
    void Accept(DojRowView row);

    void Reject(RowError rejection);

    /// <summary>A value of the next accepted row could not be read and is taken as unknown.</summary>
    void Warn(RowError warning);
}

/// <summary>
/// Streams an extract row by row (RFC 4180 quoting, values trimmed). Rows are checked one at a time and a bad row
/// never stops the file: it comes back as a <see cref="RowError"/> and reading goes on. A row is rejected only when it
/// cannot be placed (wrong shape, no subject, not text): a field no decision uses is kept as written whatever it holds
/// (some extracts put a filler <c>-</c> in every field they do not set), and a date a decision uses that cannot be read
/// is an unknown date, reported as a warning on its line (eligibility.md, "Unknown dates").
/// </summary>
public static class DojExtractReader
{
    private static SepReader Open(Stream stream) => Sep.New(',').Reader(o => o with
    {
        HasHeader = false,
        DisableColCountCheck = true,
        Unescape = true,
        Trim = SepTrim.All,
    }).From(stream);

    /// <summary>Every row with all 95 values copied out: what ingestion stores.</summary>
    public static IEnumerable<DojReadResult> Read(Stream stream)
    {
        using var reader = Open(stream);
        // Sep reports LineNumberFrom wrongly for a first row that spans lines; the end of the previous row is exact.
        var line = 1L;
        foreach (var row in reader)
        {
            var (kind, error) = Classify(row, line);
            DojReadResult? result = kind switch
            {
                RowKind.Data => new DojReadResult(new DojRow(line, CopyFields(row)) { Warnings = Warnings(row, line) }, null),
                RowKind.Rejected => new DojReadResult(null, error),
                _ => null,
            };
            line = row.LineNumberToExcl;
            if (result is { } readResult)
            {
                yield return readResult;
            }
        }
    }

    /// <summary>Every row handed to a sink without copying values: the fast path of offline analysis.</summary>
    public static void Scan<TSink>(Stream stream, TSink sink) where TSink : IDojRowSink
    {
        using var reader = Open(stream);
        var line = 1L;
        foreach (var row in reader)
        {
            var (kind, error) = Classify(row, line);
            if (kind == RowKind.Data)
            {
                foreach (var warning in Warnings(row, line)) sink.Warn(warning);
                sink.Accept(new DojRowView(row, line));
            }
            else if (kind == RowKind.Rejected) sink.Reject(error!);
            line = row.LineNumberToExcl;
        }
    }

    private enum RowKind { Data, Rejected, NoData }

    /// <summary>Checks a row's shape; a header or blank line carries no data.</summary>
    private static (RowKind Kind, RowError? Error) Classify(SepReader.Row row, long line)
    {
        var fieldCount = row.ColCount;
        if (fieldCount == 1 && row.Span.IsWhiteSpace())
        {
            return (RowKind.NoData, null);
        }
        if (row[0].Span.SequenceEqual("RECORD_ID"))
        {
            // Header row (also tolerated mid-stream, where split deliveries were concatenated). Its trailing comma
            // makes 96 fields; anything else is not a header of this format.
            var isHeader = fieldCount == DojColumns.Count || (fieldCount == DojColumns.Count + 1 && row[DojColumns.Count].Span.Length == 0);
            return isHeader ? (RowKind.NoData, null) : Reject(line, "HEADER", $"header row has {fieldCount} fields; expected {DojColumns.Count}", row.Span.ToString());
        }
        if (row.Span.Contains('\0'))
        {
            return Reject(line, "BINARY_DATA", "row contains binary data (NUL bytes); not a text extract", Printable(row.Span));
        }
        if (row.Span.Contains(TextDecoding.NotUtf8))
        {
            return Reject(line, "INVALID_ENCODING", TextDecoding.NotUtf8Message, row.Span.ToString());
        }
        if (fieldCount != DojColumns.Count)
        {
            return Reject(line, "FIELD_COUNT", $"row has {fieldCount} fields; expected {DojColumns.Count}", row.Span.ToString());
        }
        var subject = row[DojColumns.SubjectId].Span;
        if (subject.Length == 0 || subject.SequenceEqual("NULL"))
        {
            return Reject(line, "MISSING_SUBJECT_ID", "SUBJECT_ID (field 3) is blank; every row must name its DOJ subject", row.Span.ToString());
        }
        return (RowKind.Data, null);
    }

    /// <summary>The dates a decision uses that cannot be read (each is then unknown); none for nearly every row.</summary>
    private static RowError[] Warnings(SepReader.Row row, long line)
    {
        List<RowError>? warnings = null;
        foreach (var column in DojColumns.DecisionDateColumns)
        {
            var value = row[column].Span;
            if (!DojDate.IsMissing(value) && !DojDate.TryParse(value, out _, out var problem))
            {
                (warnings ??= []).Add(new RowError(line, "UNKNOWN_DATE",
                    $"{DojColumns.Names[column]} (field {column + 1}) is '{value}': {problem} (partial dates like 19880000 or 19880500 are accepted); read as an unknown date",
                    Printable(row.Span)));
            }
        }
        return warnings is null ? [] : [.. warnings];
    }

    private static string[] CopyFields(SepReader.Row row)
    {
        var fields = new string[DojColumns.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = row[i].ToString();
        }
        return fields;
    }

    private static (RowKind, RowError?) Reject(long line, string code, string message, string raw) =>
        (RowKind.Rejected, new RowError(line, code, message, raw));

    private static string Printable(ReadOnlySpan<char> raw)
    {
        // At most 500 characters, never half of a surrogate pair (a lone surrogate cannot be stored as text).
        var length = Math.Min(raw.Length, 500);
        if (length < raw.Length && char.IsHighSurrogate(raw[length - 1])) length--;
        var text = raw[..length].ToArray();
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i])) text[i] = '?';
        }
        return new string(text);
    }
}
