using Expunge.Hosting;
using Expunge.Motions.Data;
using Expunge.Persistence;

namespace Expunge.Motions.Domain;

/// <summary>
/// Motions is the last stage that sees batches: when it has all of a run's, it asks for the run's filing packages in
/// the same transaction that recorded the last batch (so the request is made exactly once). The filing worker makes
/// them and then announces the run's end (<see cref="Contracts.RunCompleted"/>): a run is complete when its filings exist.
/// </summary>
public sealed class RunCompletion(FilingRequestedSignal requested) : IRunStageCompletion
{
    public const string Stage = "motions.run-completed";

    public async Task OnStageCompletedAsync(OutboxTransaction tx, StageProgress progress, CancellationToken ct)
    {
        await FilingStore.RequestForCompletedRunAsync(tx, progress.RunId, progress.ExpectedBatches ?? progress.ProcessedBatches, progress.Items, ct);
        // Early (before the commit) but harmless: the worker also polls every second.
        requested.Notify();
    }
}
