using Expunge.Hosting;
using Expunge.Matching.Api;
using Expunge.Matching.Consumers;
using Expunge.Matching.Data;
using Expunge.Matching.Domain;
using Expunge.Persistence;
using MassTransit;

namespace Expunge.Matching;

public static class MatchingRegistration
{
    public const string Service = "matching";

    public static IHostApplicationBuilder AddMatching(this IHostApplicationBuilder builder) =>
        builder.AddPipelineService(Service, AddMatchingServices, AddConsumers);

    public static IServiceCollection AddMatchingServices(this IServiceCollection services, string connectionString)
    {
        services.AddServiceDatabase(connectionString, typeof(MatchingRegistration).Assembly);
        services.AddSingleton<LinkedRecordIndex>();
        services.AddSingleton<PersonLinks>();
        services.AddSingleton(sp => Expunge.Security.LookupHash.Parse(
            sp.GetService<IConfiguration>()?[Expunge.Security.LookupHash.Variable] ?? Environment.GetEnvironmentVariable(Expunge.Security.LookupHash.Variable)));
        services.AddSingleton<LinkageModels>();
        services.AddSingleton<ReviewPairs>();
        services.AddSingleton<MatchingMetrics>();
        services.AddSealPurge<SourceRecordSealPurge>();
        return services;
    }

    public static void AddConsumers(IBusRegistrationConfigurator x)
    {
        x.AddConsumer<SourceRecordsIngestedConsumer, SourceRecordsIngestedConsumerDefinition>();
        x.AddConsumer<RunIngestedConsumer, RunIngestedConsumerDefinition>();
        x.AddConsumer<ConvictionsSealedConsumer, ConvictionsSealedConsumerDefinition>();
    }

    public static WebApplication MapMatchingApi(this WebApplication app)
    {
        app.MapPersonEndpoints();
        app.MapLinkageReviewEndpoints();
        return app;
    }
}
