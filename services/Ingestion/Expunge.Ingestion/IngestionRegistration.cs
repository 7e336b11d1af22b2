using Expunge.Hosting;
using Expunge.Ingestion.Api;
using Expunge.Ingestion.Data;
using Expunge.Ingestion.Domain;
using Expunge.Persistence;

namespace Expunge.Ingestion;

public static class IngestionRegistration
{
    public const string Service = "ingestion";

    public static IHostApplicationBuilder AddIngestion(this IHostApplicationBuilder builder)
    {
        builder.Services.AddServiceDatabase(builder.Configuration.DatabaseConnectionString(Service), typeof(IngestionRegistration).Assembly);
        builder.Services.AddSingleton<IngestionRuns>();
        builder.Services.AddSingleton<RawRowStore>();
        builder.Services.AddSingleton<IngestionMetrics>();
        builder.Services.AddSingleton<RunClosingSignal>();
        builder.Services.AddSingleton(new RunBatching(RecordsPerBatch: builder.Configuration.GetValue("EXPUNGE_INGESTION_BATCH_RECORDS", 200)));
        builder.Services.AddHostedService<RunCloser>();
        // Ingestion consumes nothing yet (bus record events arrive with the county-sources issue) but publishes.
        builder.AddExpungeBus(Service, _ => { });
        return builder;
    }

    public static WebApplication MapIngestionApi(this WebApplication app)
    {
        app.MapRunEndpoints();
        return app;
    }
}
