using Expunge.Contracts;
using Expunge.Hosting;
using Expunge.Motions.Data;
using Expunge.Persistence;

namespace Expunge.Motions.Domain;

/// <summary>
/// Motions is the last stage that sees batches: when it has all of a run's, the run has passed every stage and
/// operators are told, in the same transaction that recorded the last batch (so the announcement happens exactly once).
/// </summary>
public sealed class RunCompletion : IRunStageCompletion
{
    public const string Stage = "motions.run-completed";

    public async Task OnStageCompletedAsync(OutboxTransaction tx, StageProgress progress, CancellationToken ct)
    {
        var awaiting = await AwaitingDecisions.CountAsync(tx, progress.RunId, ct);
        tx.Publish(MessageIds.For(progress.RunId, Stage, 0), new RunCompleted
        {
            RunId = progress.RunId,
            BatchCount = progress.ExpectedBatches ?? progress.ProcessedBatches,
            People = progress.Items,
            AwaitingDecision = awaiting,
            FilingPackages = 0,
        });
    }
}
