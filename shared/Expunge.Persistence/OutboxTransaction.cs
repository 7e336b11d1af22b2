using Expunge.Security;
using Npgsql;
using NpgsqlTypes;

namespace Expunge.Persistence;

/// <summary>
/// A database transaction that can also stage messages: they are written to <c>messaging.outbox</c> inside the same
/// transaction, so they exist exactly when the state that caused them does.
/// </summary>
public sealed class OutboxTransaction : IAsyncDisposable
{
    private readonly OutboxSignal _signal;
    private readonly List<(Guid Id, string Type, byte[] Body, string? TraceParent, object Message)> _outgoing = [];

    private OutboxTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxSignal signal)
    {
        Connection = connection;
        Transaction = transaction;
        _signal = signal;
    }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    public static async Task<OutboxTransaction> BeginAsync(NpgsqlDataSource dataSource, OutboxSignal signal, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            return new OutboxTransaction(connection, transaction, signal);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stages a message; it is published after (and only if) this transaction commits. The message must not
    /// change once staged: the relay may publish this very object (<see cref="OutboxSignal"/>).</summary>
    public void Publish<T>(Guid messageId, T message) where T : class =>
        _outgoing.Add((messageId, typeof(T).FullName!, _signal.Cipher.SealJson(message, OutboxSignal.BodyColumn), MessagingTelemetry.CurrentTraceParent(), message));

    public async Task CommitAsync(CancellationToken ct)
    {
        var written = _outgoing.Count > 0 ? await WriteOutboxAsync(ct) : [];
        await Transaction.CommitAsync(ct);
        if (_outgoing.Count > 0)
        {
            // Only the rows this transaction wrote: a message whose id was already staged keeps its first copy.
            _signal.Committed(_outgoing.Where(m => written.Contains(m.Id)).Select(m => (m.Id, m.Message)));
        }
    }

    /// <returns>The ids of the rows written.</returns>
    private async Task<HashSet<Guid>> WriteOutboxAsync(CancellationToken ct)
    {
        // A re-run of the same work (same deterministic ids) must not fail or duplicate: keep the first copy.
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO messaging.outbox (message_id, message_type, body, trace_parent)
            SELECT * FROM unnest(@ids, @types, @bodies, @traces)
            ON CONFLICT (message_id) DO NOTHING
            RETURNING message_id
            """, Connection, Transaction);
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { TypedValue = [.. _outgoing.Select(m => m.Id)] });
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("types", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. _outgoing.Select(m => m.Type)] });
        cmd.Parameters.Add(new NpgsqlParameter<byte[][]>("bodies", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { TypedValue = [.. _outgoing.Select(m => m.Body)] });
        cmd.Parameters.Add(new NpgsqlParameter<string?[]>("traces", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. _outgoing.Select(m => m.TraceParent)] });
        var written = new HashSet<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) written.Add(reader.GetGuid(0));
        return written;
    }

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
