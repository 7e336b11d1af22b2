using System.Text.Json;
using Dapper;
using Expunge.Notifications.Domain;
using Expunge.Persistence;
using Npgsql;

namespace Expunge.Notifications.Data;

public sealed record Alert(Guid AlertId, string Kind, string Key, string Summary, DateTime OpenedAt, DateTime? ResolvedAt);

/// <summary>Operator alerts: opened once while a condition holds (each opening delivered to every operator recipient), resolved when it stops.</summary>
public sealed class Alerts(NpgsqlDataSource db, OutboxSignal outbox)
{
    public async Task<IReadOnlyList<Alert>> ListAsync(bool openOnly, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<Alert>(new CommandDefinition("""
            SELECT alert_id AS AlertId, kind, key, summary, opened_at AS OpenedAt, resolved_at AS ResolvedAt FROM notifications.alert
            WHERE NOT @openOnly OR resolved_at IS NULL ORDER BY opened_at DESC LIMIT @limit
            """, new { openOnly, limit }, cancellationToken: ct))];
    }

    /// <summary>Opens the new conditions and resolves those that no longer hold; returns how many were opened.</summary>
    public async Task<int> ApplyAsync(IReadOnlyList<AlertCondition> holding, IReadOnlySet<string> unknownKinds, CancellationToken ct)
    {
        await using var tx = await OutboxTransaction.BeginAsync(db, outbox, ct);
        var open = (await tx.Connection.QueryAsync<(string Kind, string Key)>(new CommandDefinition(
            "SELECT kind, key FROM notifications.alert WHERE resolved_at IS NULL FOR UPDATE", transaction: tx.Transaction, cancellationToken: ct))).ToHashSet();
        var (opening, resolving) = AlertConditions.Diff(open, holding, unknownKinds);
        foreach (var (kind, key) in resolving)
        {
            await tx.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE notifications.alert SET resolved_at = now() WHERE kind = @kind AND key = @key AND resolved_at IS NULL",
                new { kind, key }, tx.Transaction, cancellationToken: ct));
        }
        foreach (var condition in opening)
        {
            var notice = new AlertNotice(Guid.CreateVersion7(), condition.Kind, condition.Summary, DateTime.UtcNow);
            await tx.Connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO notifications.alert (alert_id, kind, key, summary, opened_at) VALUES (@AlertId, @Kind, @key, @Summary, @OpenedAt)",
                new { notice.AlertId, notice.Kind, condition.Key, notice.Summary, notice.OpenedAt }, tx.Transaction, cancellationToken: ct));
            await Deliveries.EnqueueAsync(tx, "alert", notice.AlertId, JsonSerializer.Serialize(notice, JsonSerializerOptions.Web), "operator", null, null, ct);
        }
        await tx.CommitAsync(ct);
        return opening.Count;
    }

    /// <summary>Filing deliveries that gave up: each is a condition until an operator retries it.</summary>
    public async Task<IReadOnlyList<AlertCondition>> DeadDeliveriesAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var dead = await connection.QueryAsync<(Guid DeliveryId, Guid SubjectId, string Channel, int Attempts, string? LastError)>(new CommandDefinition("""
            SELECT d.delivery_id, d.subject_id, r.channel, d.attempts, d.last_error FROM notifications.delivery d JOIN notifications.recipient r USING (recipient_id)
            WHERE d.status = 'dead' AND d.kind = 'filing'
            """, cancellationToken: ct));
        return [.. dead.Select(d => new AlertCondition("delivery-failed", d.DeliveryId.ToString(),
            $"Delivery {d.DeliveryId} of filing package {d.SubjectId} by {d.Channel} failed {d.Attempts} times (last: {d.LastError}); retry it once the recipient is reachable."))];
    }
}
