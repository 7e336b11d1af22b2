namespace Expunge.Contracts;

/// <summary>Where a person's decisions stand after eligibility saw their history.</summary>
public sealed record PersonDetermination
{
    public required Guid PersonId { get; init; }
    public required DeterminationState State { get; init; }

    /// <summary>One entry per decided conviction (empty while pending, or when no conviction is in scope).</summary>
    public IReadOnlyList<ConvictionDetermination> Convictions { get; init; } = [];

    /// <summary>People found to be this person: their convictions are this person's now, or gone.</summary>
    public IReadOnlyList<Guid> ReplacesPersonIds { get; init; } = [];
}

/// <summary>The decision for one conviction, with what filings need to group and cite it.</summary>
public sealed record ConvictionDetermination
{
    public required string Source { get; init; }
    public required string SourceRecordId { get; init; }
    public required string CntOrder { get; init; }
    public required string County { get; init; }
    public required string Section { get; init; }
    public required string Determination { get; init; }
    public required string ReasonCode { get; init; }
    public required string Policy { get; init; }
    public required int PolicyVersion { get; init; }

    /// <summary>The facts a filing lists; null from a sender that predates filings.</summary>
    public ConvictionFiling? Filing { get; init; }
}

public enum DeterminationState
{
    /// <summary>History stored but not decided (no policy applies to any of its convictions' counties).</summary>
    Pending,

    /// <summary>Every in-scope conviction has a determination (there may be none in scope).</summary>
    Decided,
}
