namespace Expunge.Contracts;

/// <summary>A person's whole history as far as the system knows it: every source record linked to the person.</summary>
public sealed record PersonHistory
{
    /// <summary>Stable person id assigned by matching.</summary>
    public required Guid PersonId { get; init; }

    public required IReadOnlyList<SourceRecord> Records { get; init; }

    /// <summary>People found to be this person (merged into it) since they were last published: their decisions are
    /// withdrawn, this person's stand for them.</summary>
    public IReadOnlyList<Guid> ReplacesPersonIds { get; init; } = [];

    /// <summary>Reports of convictions another person also reports, while a linkage question about the two is open:
    /// decided with that person, not here, so a conviction is decided once until a reviewer says whether the two are
    /// one person.</summary>
    public IReadOnlyList<ConvictionReport> DeferredReports { get; init; } = [];
}
