using Expunge.Contracts;
using Expunge.Testing;
using Npgsql;

namespace Expunge.Persistence.Tests;

/// <summary>The relay publishes a message it was handed by a commit as that object, and only a message whose row the
/// commit wrote: one staged again under an id already in the outbox is read from its first row.</summary>
public sealed class OutboxHandOffTests(Infrastructure infrastructure)
{
    [Fact]
    public async Task A_commit_hands_the_relay_only_the_messages_whose_rows_it_wrote()
    {
        await using var dataSource = await MessagingDatabase.CreateAsync(infrastructure, "handoff");
        using var signal = new OutboxSignal(TestDataKeys.Cipher);
        var (id, runId) = (Guid.NewGuid(), Guid.NewGuid());
        var first = Announcement(runId, 1);
        var again = Announcement(runId, 2);

        await StageAsync(dataSource, signal, id, first);
        await StageAsync(dataSource, signal, id, again);

        Assert.Same(first, signal.Take(id));
        Assert.Null(signal.Take(id)); // once
    }

    [Fact]
    public void Only_the_latest_committed_messages_are_held()
    {
        using var signal = new OutboxSignal(TestDataKeys.Cipher);
        var ids = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();

        signal.Committed(ids.Select(id => (id, (object)Announcement(id, 1))));

        Assert.Null(signal.Take(ids[0]));
        Assert.Equal(ids[^1], Assert.IsType<RunIngested>(signal.Take(ids[^1])).RunId);
    }

    private static RunIngested Announcement(Guid runId, int batches) =>
        new() { RunId = runId, BatchCount = batches, RowsRead = 0, RowsRejected = 0, Records = 0 };

    private static async Task StageAsync(NpgsqlDataSource dataSource, OutboxSignal signal, Guid id, RunIngested message)
    {
        await using var tx = await OutboxTransaction.BeginAsync(dataSource, signal, TestContext.Current.CancellationToken);
        tx.Publish(id, message);
        await tx.CommitAsync(TestContext.Current.CancellationToken);
    }
}
