using Dapper;
using Expunge.Testing;
using Npgsql;

namespace Expunge.Persistence.Tests;

public sealed class RunProgressTests(Infrastructure infrastructure)
{
    [Fact]
    public async Task Exactly_one_of_many_concurrent_last_batches_sees_the_run_complete()
    {
        await using var dataSource = await MessagingDatabase.CreateAsync(infrastructure, "progress");
        using var signal = new OutboxSignal(TestDataKeys.Cipher);
        var progress = new RunProgress();
        var runId = Guid.NewGuid();
        const int batches = 12;

        var updates = await Task.WhenAll(Enumerable.Range(0, batches + 1).Select(async i =>
        {
            await using var tx = await OutboxTransaction.BeginAsync(dataSource, signal, TestContext.Current.CancellationToken);
            // One of the concurrent transactions announces the count (the batch-count event may come first, last or between).
            var update = i == batches
                ? await progress.RecordExpectedBatchesAsync(tx, runId, batches, TestContext.Current.CancellationToken)
                : await progress.RecordBatchAsync(tx, runId, items: 10, TestContext.Current.CancellationToken);
            await tx.CommitAsync(TestContext.Current.CancellationToken);
            return update;
        }));

        Assert.Single(updates, u => u.JustCompleted);
        var final = await RunProgress.FindAsync(dataSource, runId, TestContext.Current.CancellationToken);
        Assert.Equal(batches, final!.ProcessedBatches);
        Assert.Equal(batches * 10, final.Items);
        Assert.True(final.IsComplete);
    }

    [Fact]
    public async Task A_run_with_no_batches_is_complete_as_soon_as_its_count_arrives()
    {
        await using var dataSource = await MessagingDatabase.CreateAsync(infrastructure, "progress");
        using var signal = new OutboxSignal(TestDataKeys.Cipher);
        await using var tx = await OutboxTransaction.BeginAsync(dataSource, signal, TestContext.Current.CancellationToken);

        var update = await new RunProgress().RecordExpectedBatchesAsync(tx, Guid.NewGuid(), 0, TestContext.Current.CancellationToken);

        Assert.True(update.JustCompleted);
    }

    [Fact]
    public async Task Migrations_apply_once_when_several_instances_start_together()
    {
        var database = await infrastructure.CreateDatabaseAsync("migrate");
        await using var dataSource = NpgsqlDataSource.Create(database);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            DatabaseMigrator.MigrateAsync(dataSource, [typeof(RunProgress).Assembly, typeof(RunProgressTests).Assembly], TestContext.Current.CancellationToken)));

        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var applied = (await connection.QueryAsync<string>("SELECT name FROM migrations.applied ORDER BY name")).ToList();
        Assert.Equal(["Expunge.Persistence.Tests/0001_effects.sql", "Expunge.Persistence/0001_messaging.sql", "Expunge.Persistence/0002_outbox_trace.sql", "Expunge.Persistence/0003_audit.sql", "Expunge.Persistence/0004_encrypted_outbox.sql", "Expunge.Persistence/0005_sealing.sql"], applied);
    }
}
