using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Expunge.Hosting;
using Expunge.OperatorConsole.Domain;
using RabbitMQ.Client;

namespace Expunge.OperatorConsole.Apis;

public sealed record QueueInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("messages")] long Messages,
    [property: JsonPropertyName("messages_ready")] long Ready,
    [property: JsonPropertyName("messages_unacknowledged")] long Unacknowledged,
    [property: JsonPropertyName("consumers")] int Consumers)
{
    public bool IsErrorQueue => Name.EndsWith(ErrorQueueMessages.ErrorSuffix, StringComparison.Ordinal);
}

/// <summary>What re-driving did: messages sent back to their queue, and any left in the error queue.</summary>
public sealed record RedriveOutcome(int Redriven, int Left);

/// <summary>
/// The broker as operators see it: queues, depths and consumers from the management API (EXPUNGE_RABBITMQ_MANAGEMENT),
/// and the error queues' messages over AMQP (EXPUNGE_RABBITMQ). Reading an error queue takes its messages without
/// acknowledging them and gives them all back; re-driving republishes a message to the queue it faulted on, waits for
/// the broker's confirm, and only then acknowledges it, so a console that dies half-way loses nothing (a message may
/// then be in both queues, and the consumer's inbox makes the second one a no-op).
/// </summary>
public sealed class Broker(IConfiguration configuration, IHttpClientFactory clients)
{
    public const int MaxMessagesRead = 500;
    private static readonly string[] FaultHeaders = ["MT-Fault-ExceptionType", "MT-Fault-Message", "MT-Fault-StackTrace", "MT-Fault-Timestamp",
        "MT-Reason", "MT-Fault-MessageType", "MT-Fault-ConsumerType", "MT-Host-MachineName", "MT-Host-ProcessName", "MT-Host-ProcessId",
        "MT-Host-Assembly", "MT-Host-AssemblyVersion", "MT-Host-MassTransitVersion", "MT-Host-FrameworkVersion", "MT-Host-OperatingSystemVersion"];

    private BrokerAddress Address => BrokerAddress.Of(configuration.RabbitMqUri());

    public async Task<IReadOnlyList<QueueInfo>> QueuesAsync(CancellationToken ct)
    {
        var management = configuration["EXPUNGE_RABBITMQ_MANAGEMENT"] is { Length: > 0 } m ? new Uri(m)
            : throw new ServiceException("broker", "EXPUNGE_RABBITMQ_MANAGEMENT is not set: the console needs the management API's address to list queues.");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(management, $"/api/queues/{Uri.EscapeDataString(Address.VirtualHost)}?columns=name,messages,messages_ready,messages_unacknowledged,consumers"));
        request.Headers.Authorization = BrokerAddress.ManagementAuthorization(management);
        try
        {
            using var response = await clients.CreateClient("broker").SendAsync(request, ct);
            if (!response.IsSuccessStatusCode) throw new ServiceException("broker", $"management API answered {(int)response.StatusCode}");
            return [.. (await response.Content.ReadFromJsonAsync<List<QueueInfo>>(ct))!.OrderBy(q => q.Name, StringComparer.Ordinal)];
        }
        catch (HttpRequestException ex)
        {
            throw new ServiceException("broker", $"management API unreachable ({ex.Message})");
        }
    }

    /// <summary>Up to <see cref="MaxMessagesRead"/> messages of an error queue, all left in it.</summary>
    public Task<IReadOnlyList<FaultedMessage>> ReadErrorQueueAsync(string errorQueue, CancellationToken ct) =>
        OnQueueAsync(errorQueue, () => ReadAsync(errorQueue, ct));

    private async Task<IReadOnlyList<FaultedMessage>> ReadAsync(string errorQueue, CancellationToken ct)
    {
        ErrorQueueMessages.SourceQueueOf(errorQueue);
        await using var connection = await ConnectAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var messages = new List<FaultedMessage>();
        ulong last = 0;
        while (messages.Count < MaxMessagesRead && await channel.BasicGetAsync(errorQueue, autoAck: false, ct) is { } got)
        {
            messages.Add(Describe(got));
            last = got.DeliveryTag;
        }
        if (last > 0) await channel.BasicNackAsync(last, multiple: true, requeue: true, ct);
        return messages;
    }

    /// <summary>Sends the error queue's messages (or the one with <paramref name="messageId"/>) back to the queue they faulted on.</summary>
    public Task<RedriveOutcome> RedriveAsync(string errorQueue, string? messageId, string by, ILogger logger, CancellationToken ct) =>
        OnQueueAsync(errorQueue, () => RedriveFromAsync(errorQueue, messageId, by, logger, ct));

    private async Task<RedriveOutcome> RedriveFromAsync(string errorQueue, string? messageId, string by, ILogger logger, CancellationToken ct)
    {
        var target = ErrorQueueMessages.SourceQueueOf(errorQueue);
        await using var connection = await ConnectAsync(ct);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        // Only the messages there now: one that faults again at once comes back behind them and is not re-driven twice.
        var waiting = (await channel.QueueDeclarePassiveAsync(errorQueue, ct)).MessageCount;
        var redriven = 0;
        ulong? lastSkipped = null;
        for (var i = 0; i < waiting && await channel.BasicGetAsync(errorQueue, autoAck: false, ct) is { } got; i++)
        {
            if (messageId is not null && got.BasicProperties.MessageId != messageId)
            {
                lastSkipped = got.DeliveryTag; // held unacknowledged until the end, then given back
                continue;
            }
            var properties = new BasicProperties(got.BasicProperties)
            {
                Headers = got.BasicProperties.Headers?.Where(h => !FaultHeaders.Contains(h.Key)).ToDictionary(h => h.Key, h => h.Value) ?? [],
            };
            properties.Headers["expunge-redriven-by"] = by;
            await channel.BasicPublishAsync("", target, mandatory: true, properties, got.Body, ct);
            await channel.BasicAckAsync(got.DeliveryTag, multiple: false, ct);
            redriven++;
        }
        // Every delivery up to the last skipped one that is still unacknowledged is a skipped one: give them all back.
        if (lastSkipped is { } tag) await channel.BasicNackAsync(tag, multiple: true, requeue: true, ct);
        logger.LogInformation("{Operator} re-drove {Count} messages from {ErrorQueue} to {Queue}", by, redriven, errorQueue, target);
        return new RedriveOutcome(redriven, (int)(await channel.QueueDeclarePassiveAsync(errorQueue, ct)).MessageCount);
    }

    /// <summary>A queue that does not exist (or went away) closes the channel: an operator sees which and why.</summary>
    private static async Task<T> OnQueueAsync<T>(string queue, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException ex)
        {
            throw new ServiceException("broker", $"{queue}: {ex.ShutdownReason?.ReplyText ?? ex.Message}");
        }
    }

    private async Task<IConnection> ConnectAsync(CancellationToken ct)
    {
        var address = Address;
        var factory = new ConnectionFactory
        {
            HostName = address.Host,
            Port = address.Port,
            VirtualHost = address.VirtualHost,
            ClientProvidedName = "expunge-console",
            Ssl = new SslOption
            {
                Enabled = address.Tls,
                ServerName = address.Host,
                Version = BrokerTls.Protocols,
                CertificateValidationCallback = BrokerTls.Validation(configuration),
            },
        };
        if (address is { User: { } user, Password: { } password }) (factory.UserName, factory.Password) = (user, password);
        try
        {
            return await factory.CreateConnectionAsync(ct);
        }
        catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException ex)
        {
            throw new ServiceException("broker", $"unreachable ({ex.Message})");
        }
    }

    private static FaultedMessage Describe(BasicGetResult got)
    {
        var headers = got.BasicProperties.Headers ?? new Dictionary<string, object?>();
        string? Header(string name) => headers.TryGetValue(name, out var value) ? value switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            null => null,
            var other => other.ToString(),
        } : null;
        return new FaultedMessage(
            got.BasicProperties.MessageId ?? "(no id)",
            MessageTypeOf(got.Body.Span) ?? got.BasicProperties.Type ?? "(unknown)",
            Header("MT-Fault-ExceptionType") ?? "(no fault recorded)",
            Header("MT-Fault-Message") ?? Header("MT-Reason") ?? "",
            Header("MT-Fault-StackTrace"),
            DateTimeOffset.TryParse(Header("MT-Fault-Timestamp"), out var at) ? at : null,
            got.Body.Length);
    }

    /// <summary>The message type MassTransit's envelope names (<c>urn:message:Expunge.Contracts:SourceRecordsIngested</c>).</summary>
    private static string? MessageTypeOf(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var envelope = JsonDocument.ParseValue(ref reader);
            return envelope.RootElement.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0
                ? types[0].GetString()?.Split(':').Last() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
