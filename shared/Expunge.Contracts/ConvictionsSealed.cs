namespace Expunge.Contracts;

/// <summary>
/// Motions → ingestion, matching, eligibility: the court granted relief for these convictions, so each is sealed in
/// every store. From now on it counts as no one's prior and leaves every view and export but the audit trail. After
/// <see cref="PurgeAfter"/> each service deletes its working copies of the conviction's rows. <see cref="Reports"/>
/// lists every source that reported the conviction, so a court count that DOJ also reported is sealed in both.
/// </summary>
/// <example>{ "packageId": "…", "sealedAt": "2026-12-03T16:00:00Z", "purgeAfter": "2027-01-02T16:00:00Z",
///   "convictions": [ { "personId": "…", "source": "doj", "sourceRecordId": "1000017", "cntOrder": "001002001000",
///   "reports": [ { "source": "doj", "sourceRecordId": "1000017", "reference": "001002001000" },
///                { "source": "court", "sourceRecordId": "BA123456", "reference": "BA123456#2" } ] } ] }</example>
public sealed record ConvictionsSealed
{
    public required Guid PackageId { get; init; }
    public required DateTimeOffset SealedAt { get; init; }
    public required DateTimeOffset PurgeAfter { get; init; }
    public required IReadOnlyList<SealedConviction> Convictions { get; init; }
}

/// <summary>A sealed conviction: its key (as decisions and filings name it) and each source's report of it.</summary>
public sealed record SealedConviction
{
    public required Guid PersonId { get; init; }
    public required string Source { get; init; }
    public required string SourceRecordId { get; init; }
    public required string CntOrder { get; init; }
    public required IReadOnlyList<ConvictionReport> Reports { get; init; }
}

/// <summary>One source's report of a conviction: a DOJ subject and CNT_ORDER, or a county record and its row (case#count).</summary>
public sealed record ConvictionReport
{
    public required string Source { get; init; }
    public required string SourceRecordId { get; init; }
    public required string Reference { get; init; }
}
