using Dapper;
using Npgsql;

namespace Expunge.Persistence;

/// <summary>
/// Applies a message's effects at most once per consumer: the <c>(consumer, message id)</c> row is inserted in the
/// same transaction as the consumer's writes and outgoing messages. A redelivered message finds its row and is
/// acknowledged without effect; a crash before commit leaves no row, so the redelivery does the work.
/// </summary>
public sealed class Inbox(NpgsqlDataSource dataSource, OutboxSignal signal, IFaultInjector faults)
{
    /// <returns><c>false</c> when the message had already been applied.</returns>
    public async Task<bool> ConsumeOnceAsync(string consumer, Guid messageId, Func<OutboxTransaction, Task> work, CancellationToken ct)
    {
        await using (var tx = await OutboxTransaction.BeginAsync(dataSource, signal, ct))
        {
            // A concurrent delivery of the same message blocks here on the primary key until this one commits.
            var inserted = await tx.Connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO messaging.inbox (consumer, message_id) VALUES (@consumer, @messageId) ON CONFLICT DO NOTHING",
                new { consumer, messageId }, tx.Transaction, cancellationToken: ct));
            if (inserted == 0)
            {
                return false;
            }
            await work(tx);
            faults.At(FaultPoint.BeforeConsumerCommit, consumer);
            await tx.CommitAsync(ct);
        }
        faults.At(FaultPoint.AfterConsumerCommit, consumer);
        return true;
    }

    public Task<bool> ConsumeOnceAsync(string consumer, Guid? messageId, Func<OutboxTransaction, Task> work, CancellationToken ct) =>
        ConsumeOnceAsync(consumer, messageId ?? throw new ArgumentException($"A message for {consumer} has no message id; the inbox needs one.", nameof(messageId)), work, ct);
}
