using Expunge.Hosting;
using Expunge.Notifications.Api;
using Expunge.Notifications.Consumers;
using Expunge.Notifications.Data;
using Expunge.Persistence;
using MassTransit;

namespace Expunge.Notifications;

public static class NotificationsRegistration
{
    public const string Service = "notifications";

    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder) =>
        builder.AddPipelineService(Service, AddNotificationsServices, AddConsumers);

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
