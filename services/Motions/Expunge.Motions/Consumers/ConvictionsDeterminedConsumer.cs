using Expunge.Contracts;
using Expunge.Hosting;
using Expunge.Motions.Data;
using Expunge.Persistence;
using MassTransit;

namespace Expunge.Motions.Consumers;

public sealed class ConvictionsDeterminedConsumer(Inbox inbox, AwaitingDecisions awaiting, ConvictionLedger ledger, RunProgress progress, IServiceProvider services)
    : IConsumer<ConvictionsDetermined>
{
    public Task Consume(ConsumeContext<ConvictionsDetermined> context) =>
        inbox.ConsumeOnceAsync(nameof(ConvictionsDeterminedConsumer), context.MessageId, async tx =>
        {
            await awaiting.RecordAsync(tx, context.Message, context.CancellationToken);
            await ledger.RecordAsync(tx, context.Message, context.CancellationToken);
            await progress.RecordBatchAsync(tx, context.Message, context.Message.People.Count, services, context.CancellationToken);
        }, context.CancellationToken);
}

public sealed class ConvictionsDeterminedConsumerDefinition : StageConsumerDefinition<ConvictionsDeterminedConsumer>;
