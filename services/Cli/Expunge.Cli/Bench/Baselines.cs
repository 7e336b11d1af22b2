using System.Diagnostics;
using Expunge.Doj;
using Npgsql;
using NpgsqlTypes;
using RabbitMQ.Client;

namespace Expunge.Cli.Bench;

/// <summary>
/// What the same machine does with the same data and no pipeline: the floor each stage of the pipeline is measured
/// against. Each baseline does the least the pipeline's job needs, done the fastest way its library offers.
/// </summary>
public static class Baselines
{
    /// <summary>Binary COPY of the extract's rows (all 95 fields as text[], as ingestion stores them) into a fresh
    /// table of a scratch database (logged, with the same primary key as ingestion's): rows per second, reading and parsing included.</summary>
    public static async Task<double> CopyRowsPerSecondAsync(string adminConnection, string extract, CancellationToken ct)
    {
        var database = $"expunge_bench_{Guid.NewGuid():N}"[..30];
        await using (var admin = new NpgsqlConnection(adminConnection))
        {
            await admin.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync(ct);
        }
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(adminConnection) { Database = database };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(ct);
            await using (var table = new NpgsqlCommand("""
                CREATE TABLE raw_row (run_id uuid NOT NULL, file_id integer NOT NULL, line bigint NOT NULL, source_record_id text, fields text[],
                                      PRIMARY KEY (run_id, file_id, line))
                """, connection))
            {
                await table.ExecuteNonQueryAsync(ct);
            }
            var clock = Stopwatch.StartNew();
            long rows = 0;
            var run = Guid.NewGuid();
            await using (var stream = File.OpenRead(extract))
            await using (var copy = await connection.BeginBinaryImportAsync("COPY raw_row (run_id, file_id, line, source_record_id, fields) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var result in DojExtractReader.Read(stream))
                {
                    if (result.Row is not { } row) continue;
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(run, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(1, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(row.Line, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(row.SubjectId, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(row.Fields, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                    rows++;
                }
                await copy.CompleteAsync(ct);
            }
            return rows / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await using var admin = new NpgsqlConnection(adminConnection);
            await admin.OpenAsync(ct);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// RabbitMQ.Client alone: <paramref name="messages"/> persistent messages of <paramref name="bytes"/> bytes published
    /// with confirms (a window of 64 in flight, as a relay would) to a durable queue, then consumed and acknowledged:
    /// messages per second over both halves.
    /// </summary>
    public static async Task<double> BrokerMessagesPerSecondAsync(Uri broker, int messages, int bytes, CancellationToken ct)
    {
        var credentials = Uri.UnescapeDataString(broker.UserInfo).Split(':', 2);
        var factory = new ConnectionFactory
        {
            HostName = broker.Host, Port = broker.IsDefaultPort ? 5672 : broker.Port,
            VirtualHost = Uri.UnescapeDataString(broker.AbsolutePath.TrimStart('/')) is { Length: > 0 } v ? v : "/",
            UserName = credentials[0], Password = credentials.Length > 1 ? credentials[1] : "", ClientProvidedName = "expunge-bench",
        };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true, outstandingPublisherConfirmationsRateLimiter:
            new ThrottlingRateLimiter(64)), ct);
        var queue = $"expunge-bench-{Guid.NewGuid():N}";
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);
        try
        {
            var body = new byte[bytes];
            Random.Shared.NextBytes(body);
            var properties = new BasicProperties { DeliveryMode = DeliveryModes.Persistent, ContentType = "application/octet-stream" };
            var clock = Stopwatch.StartNew();
            var pending = new List<Task>(64);
            for (var i = 0; i < messages; i++)
            {
                pending.Add(channel.BasicPublishAsync("", queue, mandatory: true, properties, body, ct).AsTask());
                if (pending.Count == 64)
                {
                    await Task.WhenAll(pending);
                    pending.Clear();
                }
            }
            await Task.WhenAll(pending);
            var received = 0;
            var done = new TaskCompletionSource();
            await channel.BasicQosAsync(0, 64, false, ct);
            var consumer = new RabbitMQ.Client.Events.AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += async (_, delivery) =>
            {
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, ct);
                if (Interlocked.Increment(ref received) == messages) done.TrySetResult();
            };
            await channel.BasicConsumeAsync(queue, autoAck: false, consumer, ct);
            await done.Task.WaitAsync(TimeSpan.FromMinutes(10), ct);
            return messages / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await channel.QueueDeleteAsync(queue, cancellationToken: ct);
        }
    }
}
