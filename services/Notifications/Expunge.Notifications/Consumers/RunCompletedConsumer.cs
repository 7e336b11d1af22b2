using Expunge.Contracts;
using Expunge.Hosting;
using Expunge.Notifications.Data;
using Expunge.Persistence;
using MassTransit;

namespace Expunge.Notifications.Consumers;

public sealed class RunCompletedConsumer(Inbox inbox, RunProgress progress) : IConsumer<RunCompleted>
{
    public Task Consume(ConsumeContext<RunCompleted> context) =>
        inbox.ConsumeOnceAsync(nameof(RunCompletedConsumer), context.MessageId, async tx =>
        {
            var run = context.Message;
            await OperatorEvents.RecordAsync(tx, context.MessageId!.Value, run.RunId, "run-completed", run, context.CancellationToken);
            await progress.RecordStageDoneAsync(tx, run.RunId, batchCount: 1, items: 1, context.CancellationToken);
        }, context.CancellationToken);
}

public sealed class RunCompletedConsumerDefinition : StageConsumerDefinition<RunCompletedConsumer>;
