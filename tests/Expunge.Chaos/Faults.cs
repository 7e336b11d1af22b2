using Expunge.Persistence;

namespace Expunge.Chaos;

/// <summary>
/// One fault of the matrix: what it sets up before the run is submitted, and what it does to the run in progress.
/// <see cref="InjectAsync"/> returns once the fault is over (the service started again, the broker back, the consumer
/// resumed); the lab then waits for the pipeline to settle and compares what it stored with the golden run.
/// </summary>
public abstract record Fault(string Name)
{
    public virtual Task ArrangeAsync(FaultRun run) => Task.CompletedTask;

    public abstract Task InjectAsync(FaultRun run);

    /// <summary>Messages the fault put in a queue on purpose that no consumer can read: they, and only they, must end
    /// in an error queue.</summary>
    public virtual int PlantedPoison => 0;

    public sealed override string ToString() => Name;
}

/// <summary>The service kills itself (SIGKILL) the <paramref name="Pass"/>th time it reaches <paramref name="Point"/>
/// and is started again, as an operator's supervisor would.</summary>
public sealed record KillAt(FaultPoint Point, string Victim, int Pass) : Fault($"kill {Victim} {Describe(Point)}")
{
    private static string Describe(FaultPoint point) => point switch
    {
        FaultPoint.BeforeConsumerCommit => "before its commit",
        FaultPoint.AfterConsumerCommit => "after its commit, before its ack",
        FaultPoint.AfterOutboxPublish => "in the outbox relay, between publish and mark",
        _ => point.ToString(),
    };

    public override async Task ArrangeAsync(FaultRun run)
    {
        await run.Stack.KillAsync(Victim);
        await run.Stack.StartAsync(Victim, new Dictionary<string, string> { [ProcessKillAtFault.Variable] = $"{Point}@{Pass}" });
    }

    public override async Task InjectAsync(FaultRun run)
    {
        if (!await run.Stack.ExitedAsync(Victim, run.Settings.Patience))
        {
            throw new InvalidOperationException($"{Victim} never reached {Point} a {Pass}th time: the fault did not fire and the run proved nothing");
        }
        await run.FaultStartedAsync();
        await run.Stack.StartAsync(Victim);
        run.FaultEnded();
    }
}

/// <summary>
/// Something the pipeline depends on goes away while <paramref name="UnderLoadOf"/> is applying batches, for the
/// outage (or the pause), and comes back.
/// </summary>
public sealed record Outage(string Name, string UnderLoadOf, Func<FaultRun, Task> Begin, Func<FaultRun, Task> End, bool IsPause = false) : Fault(Name)
{
    /// <summary>The whole RabbitMQ node stopped and started again (queues and persistent messages recover from disk).</summary>
    public static Outage BrokerRestart() => new("RabbitMQ stopped and restarted under load", "matching",
        run => run.Infrastructure.StopRabbitMqAsync(), run => run.Infrastructure.StartStoppedAsync());

    /// <summary>PostgreSQL, every service's database, stopped and started again.</summary>
    public static Outage DatabaseRestart() => new("PostgreSQL stopped and restarted under load", "eligibility",
        run => run.Infrastructure.StopPostgresAsync(), run => run.Infrastructure.StartStoppedAsync());

    /// <summary>Every service's connection to the broker reset and refused, the broker itself fine.</summary>
    public static Outage BrokerConnectionCut() => new("broker connection cut", "matching",
        run => Done(run.Proxy.Cut), run => Done(run.Proxy.Restore));

    /// <summary>Eligibility frozen (SIGSTOP) with its connections and unacknowledged messages, then resumed.</summary>
    public static Outage ConsumerPaused() => new("consumer paused", "eligibility",
        run => Done(() => run.Stack.Pause("eligibility")), run => Done(() => run.Stack.Resume("eligibility")), IsPause: true);

    public override async Task InjectAsync(FaultRun run)
    {
        await run.WhileUnderLoadAsync(UnderLoadOf);
        await run.FaultStartedAsync();
        await Begin(run);
        await Task.Delay(IsPause ? run.Settings.Pause : run.Settings.Outage);
        await End(run);
        run.FaultEnded();
    }

    private static Task Done(Action action)
    {
        action();
        return Task.CompletedTask;
    }
}

/// <summary>A message no consumer can read, put in matching's batch queue mid-run.</summary>
public sealed record PoisonMessage() : Fault("poison message")
{
    public override int PlantedPoison => 1;

    public override async Task InjectAsync(FaultRun run)
    {
        await run.WhileUnderLoadAsync("matching");
        await run.FaultStartedAsync();
        foreach (var queue in await run.Broker.QueuesConsumingAsync("SourceRecordsIngested"))
        {
            await run.Broker.PlantPoisonAsync(queue, "SourceRecordsIngested");
        }
        run.FaultEnded();
    }
}

/// <summary>Every event published during the run reaches every consumer twice.</summary>
public sealed record DuplicateDelivery() : Fault("every message delivered twice")
{
    public override async Task ArrangeAsync(FaultRun run) => run.Own(await run.Broker.DuplicateEveryEventAsync());

    public override async Task InjectAsync(FaultRun run)
    {
        await run.FaultStartedAsync();
        run.FaultEnded();
    }
}

/// <summary>Matching down while ingestion publishes the whole run; its queues then re-ordered last to first (the
/// run's batch count before any batch, the last batch first) and matching started again.</summary>
public sealed record OutOfOrder() : Fault("events out of order")
{
    public override async Task ArrangeAsync(FaultRun run)
    {
        await run.Stack.KillAsync("matching");
        await run.FaultStartedAsync();
    }

    public override async Task InjectAsync(FaultRun run)
    {
        await run.IngestionPublishedEverythingAsync();
        var reordered = 0;
        foreach (var type in new[] { "SourceRecordsIngested", "RunIngested" })
        {
            foreach (var queue in (await run.Broker.QueuesConsumingAsync(type)).Where(q => q.StartsWith("matching", StringComparison.Ordinal)))
            {
                reordered += await run.Broker.ReverseAsync(queue);
            }
        }
        if (reordered < 2) throw new InvalidOperationException($"only {reordered} messages waited for matching: nothing was re-ordered");
        await run.Stack.StartAsync("matching");
        run.FaultEnded();
    }
}

public static class FaultMatrix
{
    /// <summary>The small matrix runs each kind of fault once (each kill point in a different stage); the full one
    /// kills every consumer at each consumer point and every publisher in its relay.</summary>
    public static IReadOnlyList<Fault> For(ChaosSettings settings)
    {
        IEnumerable<Fault> kills = settings.Full
            ? [
                .. new[] { "matching", "eligibility", "motions", "notifications" }.SelectMany(victim => new Fault[]
                {
                    new KillAt(FaultPoint.BeforeConsumerCommit, victim, victim == "notifications" ? 1 : 3),
                    new KillAt(FaultPoint.AfterConsumerCommit, victim, victim == "notifications" ? 1 : 3),
                }),
                .. new[] { "ingestion", "matching", "eligibility" }.Select(victim => new KillAt(FaultPoint.AfterOutboxPublish, victim, 3)),
                new KillAt(FaultPoint.AfterOutboxPublish, "motions", 1),
            ]
            : [
                new KillAt(FaultPoint.BeforeConsumerCommit, "matching", 3),
                new KillAt(FaultPoint.AfterConsumerCommit, "motions", 3),
                new KillAt(FaultPoint.AfterOutboxPublish, "eligibility", 3),
            ];
        Fault[] matrix = [.. kills, Outage.BrokerRestart(), Outage.DatabaseRestart(), Outage.BrokerConnectionCut(), new PoisonMessage(), new DuplicateDelivery(), new OutOfOrder(), Outage.ConsumerPaused()];
        return settings.Only is { } only ? [.. matrix.Where(f => f.Name.Contains(only, StringComparison.OrdinalIgnoreCase))] : matrix;
    }
}
