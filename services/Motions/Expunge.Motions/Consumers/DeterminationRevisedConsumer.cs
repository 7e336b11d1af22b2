using Expunge.Contracts;
using Expunge.Hosting;
using Expunge.Motions.Data;
using Expunge.Persistence;
using MassTransit;

namespace Expunge.Motions.Consumers;

/// <summary>An operator's review decision (or the court's rejection, back as Hand Review): the conviction's filing state follows it.</summary>
public sealed class DeterminationRevisedConsumer(Inbox inbox, ConvictionLedger ledger) : IConsumer<DeterminationRevised>
{
    public Task Consume(ConsumeContext<DeterminationRevised> context) =>
        inbox.ConsumeOnceAsync(nameof(DeterminationRevisedConsumer), context.MessageId,
            tx => ledger.RecordAsync(tx, context.Message, context.CancellationToken), context.CancellationToken);
}

public sealed class DeterminationRevisedConsumerDefinition : StageConsumerDefinition<DeterminationRevisedConsumer>;
