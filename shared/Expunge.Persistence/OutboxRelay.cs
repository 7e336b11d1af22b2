using System.Diagnostics.Metrics;
using System.Text.Json;
using Dapper;
using Expunge.Contracts;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Expunge.Persistence;

/// <summary>
/// Publishes committed outbox rows with publisher confirms, then marks them sent. Rows are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so several instances of a service share the work without publishing a row twice
/// in the normal case; after a crash between publish and mark a row is published again with the same message id,
/// and the receiving inbox drops the copy.
/// </summary>
public sealed class OutboxRelay(
    NpgsqlDataSource dataSource,
    IBus bus,
    OutboxSignal signal,
    IFaultInjector faults,
    ILogger<OutboxRelay> logger,
    IMeterFactory meters) : BackgroundService
{
    private const int BatchSize = 64;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly Counter<long> _published = meters.Create("Expunge.Messaging").CreateCounter<long>("expunge.outbox.published");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        var nextCleanUp = DateTime.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await PublishPendingAsync(stoppingToken) == BatchSize)
                {
                    // a full batch means there is probably more: keep draining before sleeping
                }
                if (DateTime.UtcNow >= nextCleanUp)
                {
                    await CleanUpAsync(stoppingToken);
                    nextCleanUp = DateTime.UtcNow + CleanUpInterval;
                }
                failures = 0;
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Broker or database away: the rows stay unsent and are retried; back off so a long outage is quiet.
                failures++;
                logger.LogWarning(ex, "Outbox relay failed (attempt {Attempt}); retrying", failures);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(failures, 7)))), stoppingToken);
            }
        }
    }

    private static readonly TimeSpan CleanUpInterval = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Sent outbox rows are kept a day (to look into), inbox rows a week: far longer than any redelivery can come
    /// (a broker requeues at once; an operator re-drives an error queue within days), so a duplicate is still caught.
    /// </summary>
    private async Task CleanUpAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM messaging.outbox WHERE sent_at < now() - interval '1 day';
            DELETE FROM messaging.inbox WHERE received_at < now() - interval '7 days';
            """, cancellationToken: ct));
    }

    /// <returns>How many messages were published.</returns>
    public async Task<int> PublishPendingAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var rows = (await connection.QueryAsync<OutboxRow>(new CommandDefinition("""
            SELECT id, message_id AS MessageId, message_type AS MessageType, body, trace_parent AS TraceParent
            FROM messaging.outbox
            WHERE sent_at IS NULL
            ORDER BY id
            LIMIT @BatchSize
            FOR UPDATE SKIP LOCKED
            """, new { BatchSize }, tx, cancellationToken: ct))).ToList();
        if (rows.Count == 0)
        {
            return 0;
        }

        // Concurrent publishes let MassTransit pipeline the confirms instead of waiting one round trip per message.
        var outcomes = await Task.WhenAll(rows.Select(row => TryPublishAsync(row, ct)));
        faults.At(FaultPoint.AfterOutboxPublish, "outbox-relay");

        var sent = rows.Where((_, i) => outcomes[i] is null).Select(r => r.Id).ToArray();
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE messaging.outbox SET sent_at = now() WHERE id = ANY(@sent)", new { sent }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        _published.Add(sent.Length);
        if (outcomes.FirstOrDefault(e => e is not null) is { } failure)
        {
            // The rest went out; these stay unsent and are retried after a back-off.
            throw new InvalidOperationException($"{rows.Count - sent.Length} of {rows.Count} outbox messages could not be published.", failure);
        }
        return rows.Count;
    }

    /// <summary>
    /// How long one publish may wait for the broker's confirm. A confirm lost with a connection that was cut mid-publish
    /// left the relay waiting for ever, holding its rows locked, while the run stood still (the chaos suite's broker
    /// cut, 1 run in 3). After this long the row stays unsent and goes again; if the first copy did arrive, the
    /// consumer's inbox drops the second.
    /// </summary>
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(20);

    private async Task<Exception?> TryPublishAsync(OutboxRow row, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(PublishTimeout);
        try
        {
            await PublishAsync(row, timeout.Token);
            return null;
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            return new TimeoutException($"The broker did not confirm outbox message {row.MessageId} within {PublishTimeout.TotalSeconds:F0} s.", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ex;
        }
    }

    private async Task PublishAsync(OutboxRow row, CancellationToken ct)
    {
        // MassTransit's send activity becomes a child of the work that staged the message, and carries its trace on.
        using var activity = MessagingTelemetry.Continue($"outbox publish {row.MessageType.Split('.').Last()}", row.TraceParent, System.Diagnostics.ActivityKind.Producer);
        var type = typeof(RunIngested).Assembly.GetType(row.MessageType)
            ?? throw new InvalidOperationException($"Outbox row {row.Id} names unknown message type {row.MessageType}.");
        // Committed by this process a moment ago: published as the object it was; otherwise read from the row.
        var message = signal.Take(row.MessageId) is { } held && held.GetType() == type ? held
            : JsonSerializer.Deserialize(signal.Cipher.Open(row.Body, OutboxSignal.BodyColumn), type, JsonSerializerOptions.Web)
              ?? throw new InvalidOperationException($"Outbox row {row.Id} has an empty body.");
        await bus.Publish(message, type, context =>
        {
            context.MessageId = row.MessageId;
            // Mandatory: a message no queue is bound for (a consumer not deployed yet) comes back as an error and
            // stays in the outbox, instead of being dropped by the exchange.
            context.Mandatory = true;
        }, ct);
    }

    private sealed record OutboxRow(long Id, Guid MessageId, string MessageType, byte[] Body, string? TraceParent);
}
