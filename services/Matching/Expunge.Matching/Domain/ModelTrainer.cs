using Expunge.Hosting;
using Expunge.Linkage;
using Expunge.Matching.Data;
using Expunge.Persistence;

namespace Expunge.Matching.Domain;

/// <summary>Wakes the trainer: a run has been linked, so there is more to learn from.</summary>
public sealed class ModelTrainingSignal : WakeSignal;

/// <summary>When a run's last batch is linked, the model is trained again (outside the linking transaction).</summary>
public sealed class RetrainAfterRun(ModelTrainingSignal signal) : IRunStageCompletion
{
    public Task OnStageCompletedAsync(OutboxTransaction tx, StageProgress progress, CancellationToken ct)
    {
        tx.AfterCommit(signal.Notify);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Trains the Fellegi–Sunter model on the stored records without labels (u from random pairs, m by EM over the
/// blocked candidate pairs, name frequencies) and stores it as the next version; later batches link with it.
/// </summary>
public sealed class ModelTrainer(LinkageModels models, ModelTrainingSignal signal, ILogger<ModelTrainer> logger) : BackgroundService
{
    public const int SampleSize = 200_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(Timeout.InfiniteTimeSpan, stoppingToken);
                var sample = (await models.SampleAsync(SampleSize, stoppingToken)).Select(StandardRecord.Of).ToList();
                if (sample.Count < 2) continue;
                var model = await Task.Run(() => FellegiSunterModel.Train(sample, Blocking.CandidatePairs(sample)), stoppingToken);
                var version = await models.SaveAsync(model, stoppingToken);
                logger.LogInformation("Linkage model {Version} trained on {Records} records (prior {Prior:E2})", version, sample.Count, model.Prior);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Training the linkage model failed; the current model stays in use");
            }
        }
    }
}
