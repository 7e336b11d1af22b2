using System.Collections.Concurrent;
using Dapper;
using Expunge.Contracts;
using Expunge.Hosting;
using Expunge.Persistence;
using MassTransit;

namespace Expunge.Persistence.Tests;

/// <summary>Every delivery a test consumer saw, including the ones its inbox skipped.</summary>
public sealed class Deliveries
{
    public ConcurrentQueue<(string Consumer, Guid MessageId)> Seen { get; } = new();

    public int Count(string consumer) => Seen.Count(d => d.Consumer == consumer);
}

/// <summary>An upstream stage: applies an effect and passes a message on through the outbox, like every real stage.</summary>
public sealed class UpstreamConsumer(Inbox inbox, Deliveries deliveries) : IConsumer<RunIngested>
{
    public Task Consume(ConsumeContext<RunIngested> context)
    {
        deliveries.Seen.Enqueue((nameof(UpstreamConsumer), context.MessageId!.Value));
        return inbox.ConsumeOnceAsync(nameof(UpstreamConsumer), context.MessageId, async tx =>
        {
            await Effects.ApplyAsync(tx, "upstream", context.MessageId!.Value, context.Message.RunId);
            tx.Publish(MessageIds.For(context.Message.RunId, "upstream", 0), new RunCompleted
            {
                RunId = context.Message.RunId, BatchCount = context.Message.BatchCount, People = 0, AwaitingDecision = 0, FilingPackages = 0,
            });
        }, context.CancellationToken);
    }
}

public sealed class UpstreamConsumerDefinition : StageConsumerDefinition<UpstreamConsumer>;

/// <summary>The next stage: its effects must happen once however often the upstream message arrives.</summary>
public sealed class DownstreamConsumer(Inbox inbox, Deliveries deliveries) : IConsumer<RunCompleted>
{
    public Task Consume(ConsumeContext<RunCompleted> context)
    {
        deliveries.Seen.Enqueue((nameof(DownstreamConsumer), context.MessageId!.Value));
        return inbox.ConsumeOnceAsync(nameof(DownstreamConsumer), context.MessageId,
            tx => Effects.ApplyAsync(tx, "downstream", context.MessageId!.Value, context.Message.RunId), context.CancellationToken);
    }
}

public sealed class DownstreamConsumerDefinition : StageConsumerDefinition<DownstreamConsumer>;

public static class Effects
{
    public static Task ApplyAsync(OutboxTransaction tx, string stage, Guid messageId, Guid runId) =>
        tx.Connection.ExecuteAsync("INSERT INTO effect (stage, message_id, run_id) VALUES (@stage, @messageId, @runId)",
            new { stage, messageId, runId }, tx.Transaction);
}
