using Expunge.Contracts;
using Expunge.Eligibility.Data;
using Expunge.Hosting;
using Expunge.Persistence;
using MassTransit;

namespace Expunge.Eligibility.Consumers;

public sealed class PersonHistoriesMatchedConsumer(Inbox inbox, PersonHistoryStore histories, RunProgress progress, IServiceProvider services)
    : IConsumer<PersonHistoriesMatched>
{
    public const string Stage = EligibilityRegistration.Service;

    public Task Consume(ConsumeContext<PersonHistoriesMatched> context) =>
        inbox.ConsumeOnceAsync(nameof(PersonHistoriesMatchedConsumer), context.MessageId, async tx =>
        {
            var batch = context.Message;
            await histories.StoreAsync(tx, batch, context.CancellationToken);
            await progress.RecordBatchAsync(tx, batch, batch.People.Count, services, context.CancellationToken);
            // No rule engine yet: every person is passed on as pending, so motions can account for them.
            tx.Publish(MessageIds.For(batch.RunId, Stage, batch.Sequence), new ConvictionsDetermined
            {
                RunId = batch.RunId,
                Sequence = batch.Sequence,
                People = [.. batch.People.Select(p => new PersonDetermination { PersonId = p.PersonId, State = DeterminationState.Pending })],
            });
        }, context.CancellationToken);
}

public sealed class PersonHistoriesMatchedConsumerDefinition : StageConsumerDefinition<PersonHistoriesMatchedConsumer>;
