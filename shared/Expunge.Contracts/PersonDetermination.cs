namespace Expunge.Contracts;

/// <summary>Where a person's decisions stand after eligibility saw their history.</summary>
public sealed record PersonDetermination
{
    public required Guid PersonId { get; init; }
    public required DeterminationState State { get; init; }
}

public enum DeterminationState
{
    /// <summary>History stored; no rule engine has decided it yet.</summary>
    Pending,
    Decided,
}
