namespace Expunge.Contracts;

/// <summary>
/// Eligibility → motions: an operator confirmed or overrode a Hand Review decision, outside any run's batches. The
/// conviction's filing state follows the new determination.
/// </summary>
/// <example>{ "personId": "…", "conviction": { "determination": "Eligible for Dismissal", "reasonCode": "OPERATOR_OVERRIDE", … },
///   "revisedBy": "a.analyst", "note": "sentence completed per probation report" }</example>
public sealed record DeterminationRevised
{
    public required Guid PersonId { get; init; }
    public required ConvictionDetermination Conviction { get; init; }
    public required string RevisedBy { get; init; }
    public string? Note { get; init; }
}
