using System.Text.Json;
using Expunge.Contracts;
using Expunge.Hosting;
using Expunge.Notifications.Data;
using Expunge.Notifications.Domain;
using Expunge.Persistence;
using MassTransit;

namespace Expunge.Notifications.Consumers;

/// <summary>A package is ready: one delivery for each clerk of its court (and agency). A second copy of the event
/// finds its inbox row, and even past the inbox the (package, recipient) key keeps the delivery single.</summary>
public sealed class FilingGeneratedConsumer(Inbox inbox, DeliveryDueSignal due) : IConsumer<FilingGenerated>
{
    public async Task Consume(ConsumeContext<FilingGenerated> context)
    {
        var package = context.Message;
        await inbox.ConsumeOnceAsync(nameof(FilingGeneratedConsumer), context.MessageId, tx =>
            Deliveries.EnqueueAsync(tx, "filing", package.PackageId, JsonSerializer.Serialize(package, JsonSerializerOptions.Web), "clerk",
                package.Court, package.ProsecutingAgency, context.CancellationToken), context.CancellationToken);
        due.Notify();
    }
}

public sealed class FilingGeneratedConsumerDefinition : StageConsumerDefinition<FilingGeneratedConsumer>;
