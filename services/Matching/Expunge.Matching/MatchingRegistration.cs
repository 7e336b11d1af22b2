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
        builder.Services.AddServiceDatabase(builder.Configuration.DatabaseConnectionString(Service), typeof(MatchingRegistration).Assembly);
        builder.Services.AddSingleton<PersonLinks>();
        builder.AddExpungeBus(Service, x =>
        {
            x.AddConsumer<SourceRecordsIngestedConsumer, SourceRecordsIngestedConsumerDefinition>();
            x.AddConsumer<RunIngestedConsumer, RunIngestedConsumerDefinition>();
        });
        return builder;
    }

    public static WebApplication MapMatchingApi(this WebApplication app)
    {
        app.MapPersonEndpoints();
        return app;
    }
}
