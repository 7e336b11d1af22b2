namespace Expunge.Contracts;

/// <summary>
/// Motions → notifications: a filing package (one court and prosecuting agency) is stored and ready to deliver. The
/// message names the documents, never what is in them: recipients download them from the motions service.
/// </summary>
/// <example>{ "packageId": "…", "version": 1, "runId": "…", "court": "SUPERIOR COURT OF CALIFORNIA, COUNTY OF LOS ANGELES",
///   "prosecutingAgency": "LOS ANGELES COUNTY DISTRICT ATTORNEY", "eligibleRows": 2412,
///   "documents": [ { "name": "exhibit.pdf", "mediaType": "application/pdf", "bytes": 412000, "sha256": "…" } ] }</example>
public sealed record FilingGenerated
{
    public required Guid PackageId { get; init; }
    public required int Version { get; init; }
    public Guid? RunId { get; init; }
    public required string Court { get; init; }
    public required string ProsecutingAgency { get; init; }

    /// <summary>Convictions the motion asks relief for (the exhibit's rows).</summary>
    public required int EligibleRows { get; init; }

    public required IReadOnlyList<FilingDocument> Documents { get; init; }
}

public sealed record FilingDocument
{
    public required string Name { get; init; }
    public required string MediaType { get; init; }
    public required long Bytes { get; init; }
    public required string Sha256 { get; init; }
}
