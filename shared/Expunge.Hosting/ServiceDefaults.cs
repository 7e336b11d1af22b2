using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Expunge.Hosting;

/// <summary>Telemetry, health and OpenAPI that every service gets from one call.</summary>
public static class ServiceDefaults
{
    public const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddExpungeDefaults(this IHostApplicationBuilder builder, string service)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService($"expunge-{service}"))
            .WithTracing(t => t
                .AddSource(ExpungeTelemetry.SourceName, Expunge.Persistence.MessagingTelemetry.SourceName)
                .AddSource(MassTransit.Logging.DiagnosticHeaders.DefaultListenerName)
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health") && !ctx.Request.Path.StartsWithSegments("/metrics"))
                .AddHttpClientInstrumentation()
                .AddNpgsql())
            .WithMetrics(m => m
                .AddMeter($"Expunge.*")
                .AddMeter(MassTransit.Monitoring.InstrumentationOptions.MeterName)
                .AddMeter("Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }

        builder.Services.AddHealthChecks();
        builder.Services.AddOpenApi();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(new ExpungeTelemetry(service));
        return builder;
    }

    /// <param name="runProgress">Whether the service follows runs (the pipeline services; not the console).</param>
    public static WebApplication MapExpungeDefaults(this WebApplication app, bool runProgress = true)
    {
        app.UseExceptionHandler();
        // Live: the process answers. Ready: it can do work (its database and the broker answer).
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) });
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOpenApi("/openapi/{documentName}.json");
        if (runProgress) app.MapRunProgress();
        return app;
    }
}

/// <summary>The service's own activity source and meter (<c>expunge.&lt;service&gt;.*</c> instruments).</summary>
public sealed class ExpungeTelemetry(string service)
{
    public const string SourceName = "Expunge";

    public static readonly ActivitySource Source = new(SourceName);

    public string Service { get; } = service;

    public Meter Meter { get; } = new($"Expunge.{char.ToUpperInvariant(service[0])}{service[1..]}");
}
