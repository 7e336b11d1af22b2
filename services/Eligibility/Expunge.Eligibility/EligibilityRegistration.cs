using MassTransit;
using Expunge.Eligibility.Api;
using Expunge.Eligibility.Consumers;
using Expunge.Eligibility.Data;
using Expunge.Hosting;
using Expunge.Persistence;

namespace Expunge.Eligibility;

public static class EligibilityRegistration
{
    public const string Service = "eligibility";

    public static IHostApplicationBuilder AddEligibility(this IHostApplicationBuilder builder)
    {
        builder.Services.AddServiceDatabase(builder.Configuration.DatabaseConnectionString(Service), typeof(EligibilityRegistration).Assembly);
        builder.Services.AddSingleton<PersonHistoryStore>();
        builder.AddExpungeBus(Service, x =>
        {
            x.AddConsumer<PersonHistoriesMatchedConsumer, PersonHistoriesMatchedConsumerDefinition>();
            x.AddConsumer<RunIngestedConsumer, RunIngestedConsumerDefinition>();
        });
        return builder;
    }

    public static WebApplication MapEligibilityApi(this WebApplication app)
    {
        app.MapDeterminationEndpoints();
        return app;
    }
}
