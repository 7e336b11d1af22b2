namespace Expunge.Contracts;

/// <summary>Eligibility → motions: the determinations for the people of one matched batch.</summary>
public sealed record ConvictionsDetermined : IRunBatch
{
    public required Guid RunId { get; init; }
    public required int Sequence { get; init; }
    public required IReadOnlyList<PersonDetermination> People { get; init; }
}
