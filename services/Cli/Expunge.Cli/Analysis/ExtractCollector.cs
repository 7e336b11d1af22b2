using Expunge.Doj;

namespace Expunge.Cli.Analysis;

/// <summary>What one input file held: every row counted, the first errors listed (interfaces.md, errors.json). A
/// warning is a value of a kept row read as unknown (a date that cannot be read); it is listed beside the rejections.</summary>
public sealed class FileReport(string file)
{
    public const int ListedErrorLimit = 1000;

    public string File { get; } = file;
    public long Rows { get; set; }
    public long Rejected { get; set; }
    public long Warnings { get; set; }
    public List<RowError> Errors { get; } = [];
    public List<RowError> WarningList { get; } = [];
}

/// <summary>
/// Collects a run's rows into one rap-sheet builder per SUBJECT_ID, across every file of the run, keeping only the
/// compact facts (never the raw rows). Rows of one subject may be anywhere in any file.
/// </summary>
public sealed class ExtractCollector : IDojRowSink
{
    private readonly Dictionary<string, RapSheetBuilder> _subjects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RapSheetBuilder>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private FileReport _file = new("");

    public ExtractCollector() => _bySpan = _subjects.GetAlternateLookup<ReadOnlySpan<char>>();

    public List<FileReport> Files { get; } = [];

    public long Rows => Files.Sum(f => f.Rows);

    public long Rejected => Files.Sum(f => f.Rejected);

    public IEnumerable<RapSheetBuilder> Subjects => _subjects.Values;

    public int SubjectCount => _subjects.Count;

    public FileReport StartFile(string file)
    {
        _file = new FileReport(file);
        Files.Add(_file);
        return _file;
    }

    public void Accept(DojRowView row)
    {
        _file.Rows++;
        var subject = row[DojColumns.SubjectId];
        if (!_bySpan.TryGetValue(subject, out var builder))
        {
            builder = new RapSheetBuilder(subject.ToString());
            _subjects[builder.SubjectId] = builder;
        }
        builder.Add(row);
    }

    public void Reject(RowError rejection)
    {
        _file.Rows++;
        _file.Rejected++;
        if (_file.Errors.Count < FileReport.ListedErrorLimit) _file.Errors.Add(rejection);
    }

    public void Warn(RowError warning)
    {
        _file.Warnings++;
        if (_file.WarningList.Count < FileReport.ListedErrorLimit) _file.WarningList.Add(warning);
    }
}
