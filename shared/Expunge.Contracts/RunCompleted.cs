namespace Expunge.Contracts;

/// <summary>Motions → notifications: every batch of a run has passed every stage.</summary>
/// <example>{ "runId": "…", "batchCount": 12, "people": 2400, "awaitingDecision": 2400, "filingPackages": 0 }</example>
public sealed record RunCompleted
{
    public required Guid RunId { get; init; }
    public required int BatchCount { get; init; }
    public required long People { get; init; }
    public required long AwaitingDecision { get; init; }
    public required int FilingPackages { get; init; }
}
