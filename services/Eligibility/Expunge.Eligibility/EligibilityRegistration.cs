using Expunge.Eligibility.Api;
using Expunge.Eligibility.Consumers;
using Expunge.Eligibility.Data;
using Expunge.Eligibility.Domain;
using Expunge.Hosting;
using Expunge.Persistence;
using MassTransit;

namespace Expunge.Eligibility;

public static class EligibilityRegistration
{
    public const string Service = "eligibility";

    public static IHostApplicationBuilder AddEligibility(this IHostApplicationBuilder builder) =>
        builder.AddPipelineService(Service, AddEligibilityServices, AddConsumers);

    public static IServiceCollection AddEligibilityServices(this IServiceCollection services, string connectionString)
    {
        services.AddServiceDatabase(connectionString, typeof(EligibilityRegistration).Assembly);
        services.AddSingleton<PersonHistoryStore>();
        services.AddSingleton<DeterminationStore>();
        services.AddSingleton<PolicyStore>();
        services.AddSingleton<EligibilityMetrics>();
        services.AddSealPurge<DecisionSealPurge>();
        return services;
    }

    public static void AddConsumers(IBusRegistrationConfigurator x)
    {
        x.AddConsumer<PersonHistoriesMatchedConsumer, PersonHistoriesMatchedConsumerDefinition>();
        x.AddConsumer<RunIngestedConsumer, RunIngestedConsumerDefinition>();
        x.AddConsumer<FilingRowsRejectedConsumer, FilingRowsRejectedConsumerDefinition>();
        x.AddConsumer<ConvictionsSealedConsumer, ConvictionsSealedConsumerDefinition>();
    }

    public static WebApplication MapEligibilityApi(this WebApplication app)
    {
        app.MapDeterminationEndpoints();
        app.MapPersonEndpoints();
        app.MapPolicyEndpoints();
        app.MapReviewEndpoints();
        return app;
    }
}
