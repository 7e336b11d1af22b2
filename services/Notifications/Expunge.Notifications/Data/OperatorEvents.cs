using System.Text.Json;
using Dapper;
using Expunge.Persistence;
using Npgsql;

namespace Expunge.Notifications.Data;

public sealed record OperatorEvent(Guid EventId, Guid RunId, string Kind, string Summary, DateTime ReceivedAt);

public sealed class OperatorEvents(NpgsqlDataSource db)
{
    public static Task RecordAsync<T>(OutboxTransaction tx, Guid eventId, Guid runId, string kind, T summary, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO notifications.operator_event (event_id, run_id, kind, summary) VALUES (@eventId, @runId, @kind, @summary::jsonb)
            """, new { eventId, runId, kind, summary = JsonSerializer.Serialize(summary, JsonSerializerOptions.Web) }, tx.Transaction, cancellationToken: ct));

    public async Task<IReadOnlyList<OperatorEvent>> RecentAsync(Guid? runId, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<OperatorEvent>(new CommandDefinition("""
            SELECT event_id AS EventId, run_id AS RunId, kind, summary::text AS Summary, received_at AS ReceivedAt
            FROM notifications.operator_event
            WHERE @runId::uuid IS NULL OR run_id = @runId
            ORDER BY received_at DESC LIMIT @limit
            """, new { runId, limit }, cancellationToken: ct))];
    }
}
