namespace Expunge.Contracts;

/// <summary>Ingestion → matching: accepted source records of one run, every row of a record in the same batch.</summary>
public sealed record SourceRecordsIngested : IRunBatch
{
    public required Guid RunId { get; init; }
    public required int Sequence { get; init; }
    public required IReadOnlyList<SourceRecord> Records { get; init; }

    /// <summary>The policy file (JSON, interfaces.md) the run was submitted with, if it named one.</summary>
    public string? RunPolicy { get; init; }
}
