using MassTransit;
using Expunge.Hosting;
using Expunge.Notifications.Api;
using Expunge.Notifications.Consumers;
using Expunge.Notifications.Data;
using Expunge.Persistence;

namespace Expunge.Notifications;

public static class NotificationsRegistration
{
    public const string Service = "notifications";

    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.AddNotificationsServices(builder.Configuration.DatabaseConnectionString(Service));
        builder.AddExpungeBus(Service, AddConsumers);
        return builder;
    }

    /// <summary>Everything but the bus, so tests can put the same service on MassTransit's in-memory harness.</summary>
    public static IServiceCollection AddNotificationsServices(this IServiceCollection services, string connectionString)
    {
        services.AddServiceDatabase(connectionString, typeof(NotificationsRegistration).Assembly);
        services.AddSingleton<OperatorEvents>();
        return services;
    }

    public static void AddConsumers(IBusRegistrationConfigurator x)
    {
        x.AddConsumer<RunCompletedConsumer, RunCompletedConsumerDefinition>();
    }

    public static WebApplication MapNotificationsApi(this WebApplication app)
    {
        app.MapOperatorEventEndpoints();
        return app;
    }
}
