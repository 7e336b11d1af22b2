namespace Expunge.Contracts;

/// <summary>A person's whole history as far as the system knows it: every source record linked to the person.</summary>
public sealed record PersonHistory
{
    /// <summary>Stable person id assigned by matching.</summary>
    public required Guid PersonId { get; init; }

    public required IReadOnlyList<SourceRecord> Records { get; init; }
}
