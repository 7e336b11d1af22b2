namespace Expunge.Contracts;

/// <summary>
/// A batch of one run. Each stage turns one input batch into exactly one output batch with the same
/// run id and sequence, so a stage that knows the run's batch count (<see cref="RunIngested"/>) knows when it is done.
/// </summary>
public interface IRunBatch
{
    Guid RunId { get; }

    /// <summary>0-based position of the batch in its run.</summary>
    int Sequence { get; }
}
