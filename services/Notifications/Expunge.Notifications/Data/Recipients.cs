using System.Text.Json.Serialization;
using Dapper;
using Npgsql;

namespace Expunge.Notifications.Data;

/// <param name="Secret">A webhook's signing secret: never returned by the API.</param>
public sealed record Recipient(Guid RecipientId, string Audience, string Channel, string Address, string Name, string? Court, string? Agency,
    bool Active, string CreatedBy, DateTime CreatedAt, [property: JsonIgnore] string? Secret);

/// <summary>Court clerks and operators who receive packages and alerts (configured by operators over HTTP or the CLI).</summary>
public sealed class Recipients(NpgsqlDataSource db)
{
    private const string Columns = """
        recipient_id AS RecipientId, audience, channel, address, name, court, agency, active, created_by AS CreatedBy, created_at AS CreatedAt, secret
        """;

    public async Task<Recipient> AddAsync(string audience, string channel, string address, string name, string? court, string? agency, string? secret,
        string by, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleAsync<Recipient>(new CommandDefinition($"""
            INSERT INTO notifications.recipient (recipient_id, audience, channel, address, name, court, agency, secret, created_by)
            VALUES (@id, @audience, @channel, @address, @name, @court, @agency, @secret, @by)
            RETURNING {Columns}
            """, new { id = Guid.CreateVersion7(), audience, channel, address, name, court, agency, secret, by }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<Recipient>> ListAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<Recipient>(new CommandDefinition(
            $"SELECT {Columns} FROM notifications.recipient ORDER BY audience, court NULLS FIRST, created_at", cancellationToken: ct))];
    }

    /// <returns>false when there is no such recipient.</returns>
    public async Task<bool> DeactivateAsync(Guid recipientId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE notifications.recipient SET active = false WHERE recipient_id = @recipientId", new { recipientId }, cancellationToken: ct)) == 1;
    }
}
