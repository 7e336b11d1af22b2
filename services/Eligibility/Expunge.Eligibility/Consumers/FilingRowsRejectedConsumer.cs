using Expunge.Contracts;
using Expunge.Eligibility.Data;
using Expunge.Hosting;
using Expunge.Persistence;
using MassTransit;

namespace Expunge.Eligibility.Consumers;

/// <summary>Rows a court rejected go back to hand review with the court's reason.</summary>
public sealed class FilingRowsRejectedConsumer(Inbox inbox, DeterminationStore determinations) : IConsumer<FilingRowsRejected>
{
    public Task Consume(ConsumeContext<FilingRowsRejected> context) =>
        inbox.ConsumeOnceAsync(nameof(FilingRowsRejectedConsumer), context.MessageId,
            tx => determinations.ReturnToReviewAsync(tx, context.Message.PackageId, context.Message.Rows, context.CancellationToken),
            context.CancellationToken);
}

public sealed class FilingRowsRejectedConsumerDefinition : StageConsumerDefinition<FilingRowsRejectedConsumer>;
