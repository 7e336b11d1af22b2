namespace Expunge.Contracts;

/// <summary>
/// Ingestion finished reading a run: every stage learns from this how many batches the run has
/// (each stage emits exactly one batch per input batch, so the count is the same all the way down).
/// </summary>
/// <example>{ "runId": "…", "batchCount": 12, "rowsRead": 20000, "rowsRejected": 3, "records": 2400 }</example>
public sealed record RunIngested
{
    public required Guid RunId { get; init; }
    public required int BatchCount { get; init; }
    public required long RowsRead { get; init; }
    public required long RowsRejected { get; init; }
    public required long Records { get; init; }
}
