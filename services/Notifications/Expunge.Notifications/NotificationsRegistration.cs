using Expunge.Hosting;
using Expunge.Notifications.Api;
using Expunge.Notifications.Consumers;
using Expunge.Notifications.Data;
using Expunge.Persistence;
using Expunge.Notifications.Delivery;
using Expunge.Notifications.Domain;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Expunge.Notifications;

public static class NotificationsRegistration
{
    public const string Service = "notifications";

    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        var settings = DeliverySettings.Read(builder.Configuration);
        return builder.AddPipelineService(Service, (services, db) => services.AddNotificationsServices(db, settings), AddConsumers);
    }

    public static IServiceCollection AddNotificationsServices(this IServiceCollection services, string connectionString, DeliverySettings settings)
    {
        services.AddServiceDatabase(connectionString, typeof(NotificationsRegistration).Assembly);
        services.AddSingleton(settings);
        services.AddSingleton<OperatorEvents>();
        services.AddSingleton<Recipients>();
        services.AddSingleton<Deliveries>();
        services.AddSingleton<Alerts>();
        services.AddSingleton<NotificationsMetrics>();
        services.AddSingleton<DeliveryDueSignal>();
        services.TryAddSingleton(TimeProvider.System);
        // Fetching documents from motions and the review backlog from eligibility, with this service's own API key.
        services.AddTransient(_ => new ApiKeyHeader(settings.ApiKey));
        services.AddHttpClient<PackageDocuments>(c => c.BaseAddress = settings.MotionsUrl).AddHttpMessageHandler<ApiKeyHeader>();
        // Only the clients that call the other services carry the key: never the webhook sender, whose requests go to
        // the clerks' own servers, nor the broker's management API.
        services.AddHttpClient(DeliverySettings.PipelineClient).AddHttpMessageHandler<ApiKeyHeader>();
        services.AddHttpClient<WebhookSender>(c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<EmailSender>();
        services.AddHostedService<DeliveryDispatcher>();
        services.AddHostedService<AlertMonitor>();
        return services;
    }

    public static void AddConsumers(IBusRegistrationConfigurator x)
    {
        x.AddConsumer<RunCompletedConsumer, RunCompletedConsumerDefinition>();
        x.AddConsumer<FilingGeneratedConsumer, FilingGeneratedConsumerDefinition>();
    }

    public static WebApplication MapNotificationsApi(this WebApplication app)
    {
        app.MapOperatorEventEndpoints();
        app.MapDeliveryEndpoints();
        return app;
    }
}
