namespace Expunge.Contracts;

/// <summary>One accepted input row, trimmed, with where it came from so every decision can be traced to a line.</summary>
public sealed record SourceRow
{
    public required string File { get; init; }
    public required long Line { get; init; }

    /// <summary>DOJ rows: the extract's 95 fields. Court rows and county events: the court export's columns; DA rows:
    /// the DA export's (court-records.md), dates as <c>YYYYMMDD</c>.</summary>
    public required IReadOnlyList<string> Fields { get; init; }

    /// <summary>The row's own key where a record has several (a court case's counts: <c>case#count</c>); null for DOJ rows.</summary>
    public string? RowId { get; init; }
}
