using Dapper;
using Expunge.Persistence;
using Npgsql;

namespace Expunge.Ingestion.Data;

public sealed record IngestionRun(Guid RunId, string Status, DateTime CreatedAt, DateTime? ClosedAt,
    DateTime? IngestedAt, long RowsRead, long RowsRejected, long? Records, int? BatchCount);

/// <summary>A file of a run; <see cref="RowsWarned"/> counts kept rows with a value read as unknown.</summary>
public sealed record IngestionRunFile(int FileId, string Name, string Kind, DateTime ReceivedAt, long RowsRead, long RowsRejected, long RowsWarned);

public sealed class IngestionRuns(NpgsqlDataSource db)
{
    private const string RunColumns = """
        run_id AS RunId, status, created_at AS CreatedAt, closed_at AS ClosedAt, ingested_at AS IngestedAt,
        rows_read AS RowsRead, rows_rejected AS RowsRejected, records, batch_count AS BatchCount
        """;

    public async Task<IngestionRun> CreateAsync(string? policyJson, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleAsync<IngestionRun>(new CommandDefinition(
            $"INSERT INTO ingestion.run (run_id, policy_json) VALUES (@runId, @policyJson) RETURNING {RunColumns}",
            new { runId = Guid.CreateVersion7(), policyJson }, cancellationToken: ct));
    }

    public async Task<string?> PolicyOfAsync(Guid runId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT policy_json FROM ingestion.run WHERE run_id = @runId", new { runId }, cancellationToken: ct));
    }

    public async Task<IngestionRun?> FindAsync(Guid runId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<IngestionRun>(new CommandDefinition(
            $"SELECT {RunColumns} FROM ingestion.run WHERE run_id = @runId", new { runId }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<IngestionRun>> RecentAsync(int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<IngestionRun>(new CommandDefinition(
            $"SELECT {RunColumns} FROM ingestion.run ORDER BY created_at DESC LIMIT @limit", new { limit }, cancellationToken: ct))];
    }

    public async Task<IReadOnlyList<IngestionRunFile>> FilesAsync(Guid runId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<IngestionRunFile>(new CommandDefinition("""
            SELECT file_id AS FileId, name, kind, received_at AS ReceivedAt, rows_read AS RowsRead, rows_rejected AS RowsRejected, rows_warned AS RowsWarned
            FROM ingestion.run_file WHERE run_id = @runId ORDER BY file_id
            """, new { runId }, cancellationToken: ct))];
    }

    /// <summary>Moves an open run to closing; returns the run as it now is (a closed run is left as it was).</summary>
    public async Task<IngestionRun?> CloseAsync(Guid runId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE ingestion.run SET status = 'closing', closed_at = now(), trace_parent = @traceParent WHERE run_id = @runId AND status = 'open'",
            new { runId, traceParent = MessagingTelemetry.CurrentTraceParent() }, cancellationToken: ct));
        return await FindAsync(runId, ct);
    }

    /// <summary>Runs waiting to be ingested, with the trace of the request that closed each.</summary>
    public async Task<IReadOnlyList<(Guid RunId, string? TraceParent)>> ClosingAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<(Guid, string?)>(new CommandDefinition(
            "SELECT run_id, trace_parent FROM ingestion.run WHERE status = 'closing' ORDER BY closed_at", cancellationToken: ct))];
    }

    public static Task MarkIngestedAsync(OutboxTransaction tx, Guid runId, long records, int batchCount, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE ingestion.run SET status = 'ingested', ingested_at = now(), records = @records, batch_count = @batchCount
            WHERE run_id = @runId
            """, new { runId, records, batchCount }, tx.Transaction, cancellationToken: ct));
}
