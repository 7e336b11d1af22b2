using Expunge.Contracts;
using Expunge.Persistence;
using MassTransit;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Expunge.Hosting;

public static class BusRegistration
{
    /// <summary>
    /// MassTransit on RabbitMQ with the house settings. Queues are named <c>&lt;service&gt;-&lt;message&gt;</c>, so each
    /// service has its own queue per event it consumes; faults end in <c>&lt;queue&gt;_error</c> (MassTransit's default).
    /// </summary>
    public static IHostApplicationBuilder AddExpungeBus(this IHostApplicationBuilder builder, string service,
        Action<IBusRegistrationConfigurator> addConsumers)
    {
        var broker = builder.Configuration.RabbitMqUri();
        // Start-up completes only once every receive endpoint is bound, so "ready" means able to consume.
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        builder.Services.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(service, includeNamespace: false));
            addConsumers(x);
            x.ConfigureHealthCheckOptions(o => o.Tags.Add(ServiceDefaults.ReadyTag));
            x.UsingRabbitMq((context, cfg) =>
            {
                ConfigureHost(cfg, broker, context.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>());
                cfg.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary>
    /// A pipeline service: its database (from EXPUNGE_DB_&lt;SERVICE&gt;) with what the service registers on it, and its
    /// consumers on the bus. Tests call the two halves separately (the services on a real database, the consumers on
    /// MassTransit's in-memory harness).
    /// </summary>
    public static IHostApplicationBuilder AddPipelineService(this IHostApplicationBuilder builder, string service,
        Func<IServiceCollection, string, IServiceCollection> addServices, Action<IBusRegistrationConfigurator> addConsumers)
    {
        addServices(builder.Services, builder.Configuration.DatabaseConnectionString(service));
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ServiceDefaults.ReadyTag]);
        builder.Services.AddHostedService<PipelineGauges>();
        return builder.AddExpungeBus(service, addConsumers);
    }

    public static void ConfigureHost(IRabbitMqBusFactoryConfigurator cfg, Uri broker, Microsoft.Extensions.Configuration.IConfiguration? configuration = null)
    {
        var address = BrokerAddress.Of(broker);
        cfg.Host(address.Host, (ushort)address.Port, address.VirtualHost, h =>
        {
            if (address is { User: { } user, Password: { } password })
            {
                h.Username(user);
                h.Password(password);
            }
            // The outbox relay marks a row sent only after the broker confirmed it.
            h.PublisherConfirmation = true;
            if (address.Tls)
            {
                h.UseSsl(s =>
                {
                    s.ServerName = address.Host;
                    s.Protocol = BrokerTls.Protocols;
                    s.CertificateValidationCallback = BrokerTls.Validation(configuration);
                });
            }
        });
    }
}

/// <summary>Failures of the infrastructure rather than of the message: worth waiting out.</summary>
public static class Outages
{
    public static bool IsOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or TimeoutException or System.Net.Sockets.SocketException) return true;
        }
        return false;
    }
}

/// <summary>
/// Endpoint settings every pipeline consumer shares: in-process retry (Debian's RabbitMQ has no delayed-message
/// plugin, so no delayed redelivery), then the message moves to the error queue for an operator to re-drive.
/// </summary>
public abstract class StageConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer> where TConsumer : class, IConsumer
{
    protected StageConsumerDefinition(int concurrency = 4)
    {
        ConcurrentMessageLimit = concurrency;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // An outage (the database restarting or unreachable) is waited out for about a quarter of an hour: the message
        // was fine, and an error queue would stall the run until an operator re-drove it. Anything else is retried
        // briefly and then goes to the error queue. The first filter configured is the outer one.
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<Exception>(Outages.IsOutage);
            // Capped at 10 s, so a stage resumes within 10 s of the database's return (a 60 s cap cost up to a minute more).
            r.Exponential(retryLimit: 90, minInterval: TimeSpan.FromSeconds(1), maxInterval: TimeSpan.FromSeconds(10), intervalDelta: TimeSpan.FromSeconds(2));
        });
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Ignore<Exception>(Outages.IsOutage);
            r.Intervals(100, 500, 1000, 2000, 5000);
        });
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.PrefetchCount = (ConcurrentMessageLimit ?? 4) * 2;
        }
    }
}

/// <summary>
/// Records the convictions the court granted relief for as sealed in this service's database (its queue is named
/// for the service, so ingestion, matching and eligibility each get every message).
/// </summary>
public sealed class ConvictionsSealedConsumer(Inbox inbox) : IConsumer<ConvictionsSealed>
{
    public Task Consume(ConsumeContext<ConvictionsSealed> context) =>
        inbox.ConsumeOnceAsync(nameof(ConvictionsSealedConsumer), context.MessageId,
            tx => SealedConvictions.RecordAsync(tx.Connection, tx.Transaction, context.Message, context.CancellationToken), context.CancellationToken);
}

public sealed class ConvictionsSealedConsumerDefinition : StageConsumerDefinition<ConvictionsSealedConsumer>;
