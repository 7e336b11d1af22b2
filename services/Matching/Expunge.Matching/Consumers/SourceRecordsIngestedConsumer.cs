using Expunge.Contracts;
using Expunge.Hosting;
using Expunge.Matching.Data;
using Expunge.Matching.Domain;
using Expunge.Persistence;
using MassTransit;

namespace Expunge.Matching.Consumers;

public sealed class SourceRecordsIngestedConsumer(Inbox inbox, PersonLinks links, RunProgress progress, IServiceProvider services)
    : IConsumer<SourceRecordsIngested>
{
    public const string Stage = MatchingRegistration.Service;

    public Task Consume(ConsumeContext<SourceRecordsIngested> context) =>
        inbox.ConsumeOnceAsync(nameof(SourceRecordsIngestedConsumer), context.MessageId, async tx =>
        {
            var batch = context.Message;
            var linked = await links.LinkAsync(tx, batch.RunId, batch.Records, context.CancellationToken);
            var people = PersonHistories.Assemble(batch.Records, linked.ToDictionary(l => (l.Source, l.SourceRecordId), l => l.PersonId));
            await progress.RecordBatchAsync(tx, batch, people.Count, services, context.CancellationToken);
            tx.Publish(MessageIds.For(batch.RunId, Stage, batch.Sequence),
                new PersonHistoriesMatched { RunId = batch.RunId, Sequence = batch.Sequence, People = people, RunPolicy = batch.RunPolicy });
        }, context.CancellationToken);
}

public sealed class SourceRecordsIngestedConsumerDefinition : StageConsumerDefinition<SourceRecordsIngestedConsumer>;
