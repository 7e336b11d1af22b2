using Expunge.Contracts;
using Expunge.Hosting;
using Expunge.Ingestion.Data;
using Expunge.Ingestion.Domain;
using MassTransit;

namespace Expunge.Ingestion.Consumers;

/// <summary>A record event published straight onto the bus: the same checks and store as <c>POST /api/v1/records</c>.
/// An event that fails its checks faults, so it lands in the error queue with the reason, for an operator.</summary>
public sealed class RecordEventSubmittedConsumer(RecordEventStore events) : IConsumer<RecordEventSubmitted>
{
    public async Task Consume(ConsumeContext<RecordEventSubmitted> context)
    {
        var (row, error) = RecordEvents.Check(context.Message);
        if (error is not null)
        {
            throw new InvalidDataException($"Event {context.Message.Source}/{context.Message.RecordId} refused ({error.Code}): {error.Message}.");
        }
        await events.AcceptAsync(context.Message, row!, context.CancellationToken);
    }
}

public sealed class RecordEventSubmittedConsumerDefinition : StageConsumerDefinition<RecordEventSubmittedConsumer>;
