using System.Text.Json.Serialization;
using Dapper;
using Expunge.Persistence;
using Npgsql;

namespace Expunge.Notifications.Data;

/// <param name="Payload">What is delivered (the event as JSON); <paramref name="Secret"/>: the recipient's signing secret. Neither is returned by the API.</param>
public sealed record Delivery(Guid DeliveryId, Guid RecipientId, string Kind, Guid SubjectId, string Status, int Attempts, int RetryFrom, DateTime NextAttemptAt,
    string? LastError, DateTime? DeliveredAt, DateTime CreatedAt, string Channel, string Address, [property: JsonIgnore] string Payload,
    [property: JsonIgnore] string? Secret);

public sealed record DeliveryAttempt(int Attempt, DateTime AttemptedAt, bool Succeeded, string? Error);

/// <summary>
/// Deliveries and their attempts. A delivery exists once per subject (package or alert) and recipient; the
/// dispatcher takes due ones with <c>FOR UPDATE SKIP LOCKED</c>, so several instances share them and none is sent by
/// two at once.
/// </summary>
public sealed class Deliveries(NpgsqlDataSource db)
{
    private const string Columns = """
        d.delivery_id AS DeliveryId, d.recipient_id AS RecipientId, d.kind, d.subject_id AS SubjectId, d.status, d.attempts, d.retry_from AS RetryFrom,
        d.next_attempt_at AS NextAttemptAt, d.last_error AS LastError, d.delivered_at AS DeliveredAt, d.created_at AS CreatedAt,
        r.channel, r.address, d.payload::text AS Payload, r.secret
        """;

    /// <summary>One delivery per active recipient of the audience (clerks: those of the court and agency, or of all).</summary>
    public static Task<int> EnqueueAsync(OutboxTransaction tx, string kind, Guid subjectId, string payload, string audience, string? court, string? agency,
        CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO notifications.delivery (delivery_id, recipient_id, kind, subject_id, payload)
            SELECT gen_random_uuid(), r.recipient_id, @kind, @subjectId, @payload::jsonb
            FROM notifications.recipient r
            WHERE r.active AND r.audience = @audience
              AND (@court::text IS NULL OR r.court IS NULL OR r.court = @court)
              AND (@agency::text IS NULL OR r.agency IS NULL OR r.agency = @agency)
            ON CONFLICT (subject_id, recipient_id) DO NOTHING
            """, new { kind, subjectId, payload, audience, court, agency }, tx.Transaction, cancellationToken: ct));

    /// <summary>The next due delivery, locked by the caller's transaction until its attempt is recorded.</summary>
    public static Task<Delivery?> ClaimDueAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<Delivery>(new CommandDefinition($"""
            SELECT {Columns} FROM notifications.delivery d JOIN notifications.recipient r USING (recipient_id)
            WHERE d.status = 'pending' AND d.next_attempt_at <= now()
            ORDER BY d.next_attempt_at, d.delivery_id LIMIT 1 FOR UPDATE OF d SKIP LOCKED
            """, transaction: tx, cancellationToken: ct));

    public static Task RecordAttemptAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Delivery delivery, string? error, TimeSpan retryAfter,
        int maxAttempts, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO notifications.delivery_attempt (delivery_id, attempt, succeeded, error) VALUES (@DeliveryId, @attempt, @ok, @error);
            UPDATE notifications.delivery SET attempts = @attempt, last_error = @error,
                status = CASE WHEN @ok THEN 'delivered' WHEN @attempt - retry_from >= @maxAttempts THEN 'dead' ELSE 'pending' END,
                delivered_at = CASE WHEN @ok THEN now() END,
                next_attempt_at = now() + @retryAfter
            WHERE delivery_id = @DeliveryId;
            """, new { delivery.DeliveryId, attempt = delivery.Attempts + 1, ok = error is null, error, retryAfter, maxAttempts }, tx, cancellationToken: ct));

    public async Task<IReadOnlyList<Delivery>> ListAsync(string? status, Guid? subjectId, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<Delivery>(new CommandDefinition($"""
            SELECT {Columns} FROM notifications.delivery d JOIN notifications.recipient r USING (recipient_id)
            WHERE (@status::text IS NULL OR d.status = @status) AND (@subjectId::uuid IS NULL OR d.subject_id = @subjectId)
            ORDER BY d.created_at DESC LIMIT @limit
            """, new { status, subjectId, limit }, cancellationToken: ct))];
    }

    public async Task<IReadOnlyList<DeliveryAttempt>> AttemptsAsync(Guid deliveryId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<DeliveryAttempt>(new CommandDefinition("""
            SELECT attempt, attempted_at AS AttemptedAt, succeeded, error FROM notifications.delivery_attempt
            WHERE delivery_id = @deliveryId ORDER BY attempt
            """, new { deliveryId }, cancellationToken: ct))];
    }

    /// <summary>An operator sends a dead (or pending) delivery again now, with a fresh set of attempts.</summary>
    /// <returns>false when there is no such delivery, or it was delivered.</returns>
    public async Task<bool> RetryAsync(Guid deliveryId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE notifications.delivery SET status = 'pending', next_attempt_at = now(), retry_from = attempts
            WHERE delivery_id = @deliveryId AND status <> 'delivered'
            """, new { deliveryId }, cancellationToken: ct)) == 1;
    }
}
