namespace Expunge.Contracts;

/// <summary>Matching → eligibility: the people one ingested batch touched, each with their whole history.</summary>
public sealed record PersonHistoriesMatched : IRunBatch
{
    public required Guid RunId { get; init; }
    public required int Sequence { get; init; }
    public required IReadOnlyList<PersonHistory> People { get; init; }

    /// <summary>The run's own policy (JSON), passed on from ingestion; null when the county's stored policies apply.</summary>
    public string? RunPolicy { get; init; }
}
