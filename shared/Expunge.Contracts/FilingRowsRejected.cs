namespace Expunge.Contracts;

/// <summary>
/// Motions → eligibility: the court rejected rows of a filing; each conviction goes back to hand review with the
/// court's reason.
/// </summary>
/// <example>{ "packageId": "…", "rows": [ { "rowId": "R7KQ2M4XW9A", "source": "doj", "sourceRecordId": "1000017",
///   "cntOrder": "001002001000", "reason": "case sealed in 2019" } ] }</example>
public sealed record FilingRowsRejected
{
    public required Guid PackageId { get; init; }
    public required IReadOnlyList<RejectedFilingRow> Rows { get; init; }
}

public sealed record RejectedFilingRow
{
    public required string RowId { get; init; }
    public required string Source { get; init; }
    public required string SourceRecordId { get; init; }
    public required string CntOrder { get; init; }
    public required string Reason { get; init; }
}
