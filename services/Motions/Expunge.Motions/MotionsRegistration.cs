using Expunge.Hosting;
using Expunge.Motions.Api;
using Expunge.Motions.Consumers;
using Expunge.Motions.Data;
using Expunge.Motions.Domain;
using Expunge.Persistence;
using MassTransit;

namespace Expunge.Motions;

public static class MotionsRegistration
{
    public const string Service = "motions";

    public static IHostApplicationBuilder AddMotions(this IHostApplicationBuilder builder) =>
        builder.AddPipelineService(Service, AddMotionsServices, AddConsumers);

    public static IServiceCollection AddMotionsServices(this IServiceCollection services, string connectionString)
    {
        services.AddServiceDatabase(connectionString, typeof(MotionsRegistration).Assembly);
        services.AddSingleton<AwaitingDecisions>();
        services.AddSingleton<IRunStageCompletion, RunCompletion>();
        return services;
    }

    public static void AddConsumers(IBusRegistrationConfigurator x)
    {
        x.AddConsumer<ConvictionsDeterminedConsumer, ConvictionsDeterminedConsumerDefinition>();
        x.AddConsumer<RunIngestedConsumer, RunIngestedConsumerDefinition>();
    }

    public static WebApplication MapMotionsApi(this WebApplication app)
    {
        app.MapFilingEndpoints();
        return app;
    }
}
