using MassTransit;
using Expunge.Hosting;
using Expunge.Matching.Api;
using Expunge.Matching.Consumers;
using Expunge.Matching.Data;
using Expunge.Persistence;

namespace Expunge.Matching;

public static class MatchingRegistration
{
    public const string Service = "matching";

    public static IHostApplicationBuilder AddMatching(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMatchingServices(builder.Configuration.DatabaseConnectionString(Service));
        builder.AddExpungeBus(Service, AddConsumers);
        return builder;
    }

    /// <summary>Everything but the bus, so tests can put the same service on MassTransit's in-memory harness.</summary>
    public static IServiceCollection AddMatchingServices(this IServiceCollection services, string connectionString)
    {
        services.AddServiceDatabase(connectionString, typeof(MatchingRegistration).Assembly);
        services.AddSingleton<PersonLinks>();
        return services;
    }

    public static void AddConsumers(IBusRegistrationConfigurator x)
    {
        x.AddConsumer<SourceRecordsIngestedConsumer, SourceRecordsIngestedConsumerDefinition>();
        x.AddConsumer<RunIngestedConsumer, RunIngestedConsumerDefinition>();
    }

    public static WebApplication MapMatchingApi(this WebApplication app)
    {
        app.MapPersonEndpoints();
        return app;
    }
}
