using Expunge.Contracts;
using Expunge.Hosting;
using Expunge.Matching.Data;
using Expunge.Matching.Domain;
using Expunge.Persistence;
using MassTransit;

namespace Expunge.Matching.Consumers;

public sealed class SourceRecordsIngestedConsumer(Inbox inbox, PersonLinks links, LinkedRecordIndex index, LinkageModels models, MatchingMetrics metrics,
    RunProgress progress, IServiceProvider services, ILogger<SourceRecordsIngestedConsumer> logger)
    : IConsumer<SourceRecordsIngested>
{
    public const string Stage = MatchingRegistration.Service;

    public async Task Consume(ConsumeContext<SourceRecordsIngested> context)
    {
        var batch = context.Message;
        var (_, model) = await models.ForNextBatchAsync(logger, context.CancellationToken);
        (BatchLinkage Linkage, IndexChange Change)? linked = null;
        using (await index.EnterAsync(context.CancellationToken))
        {
            var applied = await inbox.ConsumeOnceAsync(nameof(SourceRecordsIngestedConsumer), context.MessageId, async tx =>
            {
                linked = await links.LinkAsync(tx, batch.RunId, batch.Records, model, RunPolicies.Read(batch.RunPolicy), context.CancellationToken);
                await progress.RecordBatchAsync(tx, batch, linked.Value.Linkage.People.Count, services, context.CancellationToken);
                tx.Publish(MessageIds.For(batch.RunId, Stage, batch.Sequence),
                    new PersonHistoriesMatched { RunId = batch.RunId, Sequence = batch.Sequence, People = linked.Value.Linkage.People, RunPolicy = batch.RunPolicy });
            }, context.CancellationToken);
            if (!applied) return;
            // Committed: the index takes what this batch changed (had this failed, the next batch would catch up from the database).
            index.Apply(linked!.Value.Change);
        }
        metrics.Record(batch.Records.Count, linked.Value.Linkage);
    }
}

public sealed class SourceRecordsIngestedConsumerDefinition : StageConsumerDefinition<SourceRecordsIngestedConsumer>;
