using Expunge.Contracts;
using Expunge.Hosting;
using Expunge.Matching.Data;
using Expunge.Matching.Domain;
using Expunge.Persistence;
using MassTransit;

namespace Expunge.Matching.Consumers;

public sealed class SourceRecordsIngestedConsumer(Inbox inbox, PersonLinks links, LinkageModels models, MatchingMetrics metrics,
    RunProgress progress, IServiceProvider services, ILogger<SourceRecordsIngestedConsumer> logger)
    : IConsumer<SourceRecordsIngested>
{
    public const string Stage = MatchingRegistration.Service;

    public async Task Consume(ConsumeContext<SourceRecordsIngested> context)
    {
        var batch = context.Message;
        var (_, model) = await models.ForNextBatchAsync(logger, context.CancellationToken);
        BatchLinkage? linkage = null;
        var applied = await inbox.ConsumeOnceAsync(nameof(SourceRecordsIngestedConsumer), context.MessageId, async tx =>
        {
            linkage = await links.LinkAsync(tx, batch.RunId, batch.Records, model, context.CancellationToken);
            await progress.RecordBatchAsync(tx, batch, linkage.People.Count, services, context.CancellationToken);
            tx.Publish(MessageIds.For(batch.RunId, Stage, batch.Sequence),
                new PersonHistoriesMatched { RunId = batch.RunId, Sequence = batch.Sequence, People = linkage.People, RunPolicy = batch.RunPolicy });
        }, context.CancellationToken);
        if (applied && linkage is not null) metrics.Record(batch.Records.Count, linkage);
    }
}

public sealed class SourceRecordsIngestedConsumerDefinition : StageConsumerDefinition<SourceRecordsIngestedConsumer>;
