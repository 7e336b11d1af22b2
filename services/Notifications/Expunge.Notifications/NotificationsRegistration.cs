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
        builder.Services.AddServiceDatabase(builder.Configuration.DatabaseConnectionString(Service), typeof(NotificationsRegistration).Assembly);
        builder.Services.AddSingleton<OperatorEvents>();
        builder.AddExpungeBus(Service, x => x.AddConsumer<RunCompletedConsumer, RunCompletedConsumerDefinition>());
        return builder;
    }

    public static WebApplication MapNotificationsApi(this WebApplication app)
    {
        app.MapOperatorEventEndpoints();
        return app;
    }
}
