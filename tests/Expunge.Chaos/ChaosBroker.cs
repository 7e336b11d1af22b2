using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Expunge.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Expunge.Chaos;

/// <summary>
/// What the faults do to the broker directly (AMQP, never through the services): read queue depths, copy every
/// published event, re-order a queue, plant a poison message.
/// </summary>
public sealed class ChaosBroker(Infrastructure infrastructure, RunningServices stack)
{
    /// <summary>Marks a copy the duplicator made, so it copies each original once and never its own copies.</summary>
    private const string CopyHeader = "expunge-chaos-copy";

    private Task<IConnection> ConnectAsync() => new ConnectionFactory { Uri = stack.Broker }.CreateConnectionAsync();

    /// <summary>Every queue of the stack's virtual host (the management API lists them; AMQP counts them exactly).</summary>
    public async Task<IReadOnlyList<string>> QueuesAsync()
    {
        using var http = infrastructure.ManagementClient();
        var queues = await http.GetFromJsonAsync<JsonElement>($"api/queues/{Uri.EscapeDataString(stack.VirtualHost)}?columns=name");
        return [.. queues.EnumerateArray().Select(q => q.GetProperty("name").GetString()!)];
    }

    /// <summary>Ready messages per queue, counted by the broker now (the management API's figures lag by seconds).</summary>
    public async Task<IReadOnlyDictionary<string, uint>> DepthsAsync()
    {
        var names = await QueuesAsync();
        await using var connection = await ConnectAsync();
        var depths = new Dictionary<string, uint>();
        foreach (var name in names)
        {
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                depths[name] = (await channel.QueueDeclarePassiveAsync(name)).MessageCount;
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                // an auto-delete queue (the duplicator's) went away between the listing and the count
            }
        }
        return depths;
    }

    /// <summary>The queues consuming <paramref name="messageType"/> (MassTransit binds the type's exchange to an
    /// exchange named after each consuming queue).</summary>
    public async Task<IReadOnlyList<string>> QueuesConsumingAsync(string messageType)
    {
        using var http = infrastructure.ManagementClient();
        var exchange = Uri.EscapeDataString($"Expunge.Contracts:{messageType}");
        var bindings = await http.GetFromJsonAsync<JsonElement>($"api/exchanges/{Uri.EscapeDataString(stack.VirtualHost)}/{exchange}/bindings/source");
        // The type's exchange is also bound to its interfaces' exchanges (IRunBatch): only the ones that are queues.
        var queues = (await QueuesAsync()).ToHashSet(StringComparer.Ordinal);
        return [.. bindings.EnumerateArray().Select(b => b.GetProperty("destination").GetString()!).Where(queues.Contains)];
    }

    /// <summary>
    /// Until disposed, every event published to any of the contracts' exchanges is published again, with the same
    /// message id and body, so each consuming queue receives it twice (the copy may arrive before or after the original).
    /// </summary>
    public async Task<IAsyncDisposable> DuplicateEveryEventAsync()
    {
        using var http = infrastructure.ManagementClient();
        var exchanges = (await http.GetFromJsonAsync<JsonElement>($"api/exchanges/{Uri.EscapeDataString(stack.VirtualHost)}?columns=name"))
            .EnumerateArray().Select(e => e.GetProperty("name").GetString()!).Where(n => n.StartsWith("Expunge.Contracts:", StringComparison.Ordinal)).ToList();
        if (exchanges.Count == 0) throw new InvalidOperationException("no Expunge.Contracts exchange to copy from: the services have not declared their topology");
        var connection = await ConnectAsync();
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var queue = (await channel.QueueDeclareAsync("chaos-duplicator", durable: false, exclusive: true, autoDelete: true)).QueueName;
        foreach (var exchange in exchanges) await channel.QueueBindAsync(queue, exchange, routingKey: "");
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            if (delivery.BasicProperties.Headers?.ContainsKey(CopyHeader) != true)
            {
                var properties = new BasicProperties(delivery.BasicProperties)
                {
                    Headers = new Dictionary<string, object?>(delivery.BasicProperties.Headers ?? new Dictionary<string, object?>()) { [CopyHeader] = "1" },
                };
                await channel.BasicPublishAsync(delivery.Exchange, delivery.RoutingKey, mandatory: false, properties, delivery.Body);
            }
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await channel.BasicConsumeAsync(queue, autoAck: false, consumer);
        return new Disposables(channel, connection);
    }

    /// <summary>Takes every ready message off <paramref name="queue"/> and puts them back in the reverse order.</summary>
    /// <returns>How many were re-ordered.</returns>
    public async Task<int> ReverseAsync(string queue)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var taken = new List<BasicGetResult>();
        while (await channel.BasicGetAsync(queue, autoAck: false) is { } got) taken.Add(got);
        for (var i = taken.Count - 1; i >= 0; i--)
        {
            // Confirmed before the originals are acknowledged: a crash here duplicates, never loses.
            await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties(taken[i].BasicProperties), taken[i].Body);
        }
        if (taken.Count > 0) await channel.BasicAckAsync(taken[^1].DeliveryTag, multiple: true);
        return taken.Count;
    }

    /// <summary>A message no consumer can read (its body is not the message type it claims), into <paramref name="queue"/>.</summary>
    public async Task PlantPoisonAsync(string queue, string messageType)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var messageId = Guid.NewGuid().ToString();
        var envelope = $$"""
            {"messageId":"{{messageId}}","messageType":["urn:message:Expunge.Contracts:{{messageType}}"],
             "message":{"runId":"not a run id","sequence":"not a number","records":"not a list"},"sentTime":"{{DateTime.UtcNow:O}}"}
            """;
        var properties = new BasicProperties { MessageId = messageId, ContentType = "application/vnd.masstransit+json", DeliveryMode = DeliveryModes.Persistent };
        await channel.BasicPublishAsync("", queue, mandatory: true, properties, Encoding.UTF8.GetBytes(envelope));
    }

    private sealed class Disposables(IChannel channel, IConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await channel.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
