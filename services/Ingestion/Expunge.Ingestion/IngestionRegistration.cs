using Expunge.Hosting;
using Expunge.Ingestion.Consumers;
using Expunge.Ingestion.Api;
using Expunge.Ingestion.Data;
using Expunge.Ingestion.Domain;
using Expunge.Persistence;
using MassTransit;

namespace Expunge.Ingestion;

public static class IngestionRegistration
{
    public const string Service = "ingestion";

    public static IHostApplicationBuilder AddIngestion(this IHostApplicationBuilder builder)
    {
        var batching = new RunBatching(RecordsPerBatch: builder.Configuration.GetValue("EXPUNGE_INGESTION_BATCH_RECORDS", 200));
        return builder.AddPipelineService(Service, (services, db) => services.AddIngestionServices(db, batching),
            x =>
            {
                x.AddConsumer<RecordEventSubmittedConsumer, RecordEventSubmittedConsumerDefinition>();
                x.AddConsumer<ConvictionsSealedConsumer, ConvictionsSealedConsumerDefinition>();
            });
    }

    /// <summary>Everything but the bus.</summary>
    public static IServiceCollection AddIngestionServices(this IServiceCollection services, string connectionString, RunBatching batching)
    {
        services.AddServiceDatabase(connectionString, typeof(IngestionRegistration).Assembly);
        services.AddSingleton<IngestionRuns>();
        services.AddSingleton<RawRowStore>();
        services.AddSingleton<RecordEventStore>();
        services.AddSingleton<IngestionMetrics>();
        services.AddSingleton<RunClosingSignal>();
        services.AddSingleton(batching);
        services.AddHostedService<RunCloser>();
        services.AddSealPurge<RawRowSealPurge>();
        return services;
    }

    public static WebApplication MapIngestionApi(this WebApplication app)
    {
        app.MapRunEndpoints();
        app.MapRecordEndpoints();
        return app;
    }
}
