using Dapper;

namespace Expunge.Persistence;

/// <summary>How far one stage has got with one run.</summary>
public sealed record StageProgress(Guid RunId, int? ExpectedBatches, int ProcessedBatches, long Items,
    DateTime StartedAt, DateTime UpdatedAt, DateTime? CompletedAt)
{
    public bool IsComplete => CompletedAt is not null;
}

/// <summary>The result of recording progress: <see cref="JustCompleted"/> is true for exactly one transaction per run.</summary>
public sealed record StageUpdate(StageProgress Progress, bool JustCompleted);

/// <summary>
/// Counts processed batches per run against the batch count announced by ingestion. Every method runs inside the
/// caller's transaction and locks the run's row, so concurrent consumers serialise and exactly one sees completion.
/// </summary>
public sealed class RunProgress
{
    private const string Columns = """
        run_id AS RunId, expected_batches AS ExpectedBatches, processed_batches AS ProcessedBatches, items AS Items,
        started_at AS StartedAt, updated_at AS UpdatedAt, completed_at AS CompletedAt
        """;

    public async Task<StageUpdate> RecordBatchAsync(OutboxTransaction tx, Guid runId, long items, CancellationToken ct)
    {
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO messaging.run_stage AS s (run_id, processed_batches, items) VALUES (@runId, 1, @items)
            ON CONFLICT (run_id) DO UPDATE
            SET processed_batches = s.processed_batches + 1, items = s.items + EXCLUDED.items, updated_at = now()
            """, new { runId, items }, tx.Transaction, cancellationToken: ct));
        return await CompleteIfDoneAsync(tx, runId, ct);
    }

    public async Task<StageUpdate> RecordExpectedBatchesAsync(OutboxTransaction tx, Guid runId, int batchCount, CancellationToken ct)
    {
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO messaging.run_stage AS s (run_id, expected_batches) VALUES (@runId, @batchCount)
            ON CONFLICT (run_id) DO UPDATE SET expected_batches = EXCLUDED.expected_batches, updated_at = now()
            """, new { runId, batchCount }, tx.Transaction, cancellationToken: ct));
        return await CompleteIfDoneAsync(tx, runId, ct);
    }

    /// <summary>Marks the stage done for a run in one step: for ingestion (which produces the batches rather than consuming them) and notifications (which handles one event per run).</summary>
    public Task RecordStageDoneAsync(OutboxTransaction tx, Guid runId, int batchCount, long items, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO messaging.run_stage AS s (run_id, expected_batches, processed_batches, items, completed_at)
            VALUES (@runId, @batchCount, @batchCount, @items, now())
            ON CONFLICT (run_id) DO UPDATE
            SET expected_batches = EXCLUDED.expected_batches, processed_batches = EXCLUDED.processed_batches,
                items = EXCLUDED.items, updated_at = now(), completed_at = now()
            """, new { runId, batchCount, items }, tx.Transaction, cancellationToken: ct));

    private static async Task<StageUpdate> CompleteIfDoneAsync(OutboxTransaction tx, Guid runId, CancellationToken ct)
    {
        var completedNow = await tx.Connection.QuerySingleOrDefaultAsync<StageProgress>(new CommandDefinition($"""
            UPDATE messaging.run_stage SET completed_at = now()
            WHERE run_id = @runId AND completed_at IS NULL AND expected_batches = processed_batches
            RETURNING {Columns}
            """, new { runId }, tx.Transaction, cancellationToken: ct));
        if (completedNow is not null)
        {
            return new StageUpdate(completedNow, JustCompleted: true);
        }
        var current = await tx.Connection.QuerySingleAsync<StageProgress>(new CommandDefinition(
            $"SELECT {Columns} FROM messaging.run_stage WHERE run_id = @runId", new { runId }, tx.Transaction, cancellationToken: ct));
        return new StageUpdate(current, JustCompleted: false);
    }

    public static async Task<StageProgress?> FindAsync(Npgsql.NpgsqlDataSource dataSource, Guid runId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<StageProgress>(new CommandDefinition(
            $"SELECT {Columns} FROM messaging.run_stage WHERE run_id = @runId", new { runId }, cancellationToken: ct));
    }
}
