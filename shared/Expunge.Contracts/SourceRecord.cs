namespace Expunge.Contracts;

/// <summary>
/// Everything one source says about one person: for the DOJ extract, every row of one SUBJECT_ID (a rap sheet); for
/// a court or DA export, every count of one case; for a county system, one event.
/// </summary>
/// <example>
/// { "source": "doj", "sourceRecordId": "1000017", "identity": { "name": "DOE,JANE M", "dateOfBirth": "19700101",
///   "ciiNumber": "A12345678" }, "rows": [ { "file": "extract.dat", "line": 2, "fields": [ "...95 values..." ] } ] }
/// </example>
public sealed record SourceRecord
{
    /// <summary><c>doj</c>, <c>court</c>, <c>da</c>, or the name of a county integration system.</summary>
    public required string Source { get; init; }

    /// <summary>The source's own key: SUBJECT_ID for DOJ, the case number for court and DA exports, the event id for a
    /// county system. (Source, SourceRecordId) is the idempotency key.</summary>
    public required string SourceRecordId { get; init; }

    public required PersonIdentity Identity { get; init; }

    public required IReadOnlyList<SourceRow> Rows { get; init; }
}
