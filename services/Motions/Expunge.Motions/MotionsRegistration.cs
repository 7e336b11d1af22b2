using MassTransit;
using Expunge.Hosting;
using Expunge.Motions.Api;
using Expunge.Motions.Consumers;
using Expunge.Motions.Data;
using Expunge.Motions.Domain;
using Expunge.Persistence;

namespace Expunge.Motions;

public static class MotionsRegistration
{
    public const string Service = "motions";

    public static IHostApplicationBuilder AddMotions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddServiceDatabase(builder.Configuration.DatabaseConnectionString(Service), typeof(MotionsRegistration).Assembly);
        builder.Services.AddSingleton<AwaitingDecisions>();
        builder.Services.AddSingleton<IRunStageCompletion, RunCompletion>();
        builder.AddExpungeBus(Service, x =>
        {
            x.AddConsumer<ConvictionsDeterminedConsumer, ConvictionsDeterminedConsumerDefinition>();
            x.AddConsumer<RunIngestedConsumer, RunIngestedConsumerDefinition>();
        });
        return builder;
    }

    public static WebApplication MapMotionsApi(this WebApplication app)
    {
        app.MapFilingEndpoints();
        return app;
    }
}
