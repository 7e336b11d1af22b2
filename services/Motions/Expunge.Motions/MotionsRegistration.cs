using Expunge.Hosting;
using Expunge.Motions.Api;
using Expunge.Motions.Consumers;
using Expunge.Motions.Data;
using Expunge.Motions.Domain;
using Expunge.Persistence;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Expunge.Motions;

public static class MotionsRegistration
{
    public const string Service = "motions";

    public static IHostApplicationBuilder AddMotions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(FilingScheduleSettings.Read(builder.Configuration));
        builder.Services.AddSingleton(SealHold.Read(builder.Configuration));
        return builder.AddPipelineService(Service, AddMotionsServices, AddConsumers);
    }

    public static IServiceCollection AddMotionsServices(this IServiceCollection services, string connectionString)
    {
        services.AddServiceDatabase(connectionString, typeof(MotionsRegistration).Assembly);
        services.AddSingleton<AwaitingDecisions>();
        services.AddSingleton<ConvictionLedger>();
        services.AddSingleton<FilingStore>();
        services.AddSingleton<CourtResponses>();
        services.AddSingleton<MotionsMetrics>();
        services.AddSingleton<FilingRequestedSignal>();
        services.AddSingleton<IRunStageCompletion, RunCompletion>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<FilingWorker>();
        services.TryAddSingleton(new FilingScheduleSettings(null));
        services.AddHostedService<FilingSchedule>();
        services.TryAddSingleton(new SealHold(SealHold.Default));
        services.AddSealPurge<FilingSealPurge>();
        return services;
    }

    public static void AddConsumers(IBusRegistrationConfigurator x)
    {
        x.AddConsumer<ConvictionsDeterminedConsumer, ConvictionsDeterminedConsumerDefinition>();
        x.AddConsumer<RunIngestedConsumer, RunIngestedConsumerDefinition>();
        x.AddConsumer<DeterminationRevisedConsumer, DeterminationRevisedConsumerDefinition>();
    }

    public static WebApplication MapMotionsApi(this WebApplication app)
    {
        app.MapFilingEndpoints();
        return app;
    }
}
