namespace Expunge.Contracts;

/// <summary>Matching → eligibility: the people one ingested batch touched, each with their whole history.</summary>
public sealed record PersonHistoriesMatched : IRunBatch
{
    public required Guid RunId { get; init; }
    public required int Sequence { get; init; }
    public required IReadOnlyList<PersonHistory> People { get; init; }
}
