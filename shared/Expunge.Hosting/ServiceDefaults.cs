using System.Diagnostics;
using System.Diagnostics.Metrics;
using Expunge.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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

    /// <summary>
    /// The web application builder every service starts from. Configuration is not reloaded when files change: the
    /// services run from the checkout (their content root), and reloading appsettings.json meant a recursive file
    /// watcher over the whole checkout, PostgreSQL's data directory under .local/ included. Every database write then
    /// woke all six processes; idle services took 15–20 % of a core each while a run was uploading (measured with the
    /// bench). Their configuration comes from the environment, which cannot change under a running process anyway.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args) =>
        WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);

    /// <param name="apiKeys">Whether the business APIs take API keys (the pipeline services; the console signs its users in).</param>
    public static IHostApplicationBuilder AddExpungeDefaults(this IHostApplicationBuilder builder, string service, bool apiKeys = true)
    {
        if (apiKeys) builder.AddApiKeys();
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

        // ASP.NET Core logs four Information lines per request: progress polling and health probes alone wrote several a
        // second per service, drowning what the services say. Warnings still show; Logging__LogLevel__Microsoft.AspNetCore
        // (environment) turns the request lines back on.
        if (builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] is null)
        {
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        builder.Services.AddHealthChecks();
        builder.Services.AddOpenApi();
        builder.Services.AddProblemDetails();
        // Binding failures are thrown (in every environment) so that BadRequestProblems can say what was wrong.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestProblems>();
        builder.Services.AddSingleton(new ExpungeTelemetry(service));
        return builder;
    }

    /// <param name="pipelineService">A pipeline service: follows runs and takes API keys (not the console).</param>
    public static WebApplication MapExpungeDefaults(this WebApplication app, bool pipelineService = true)
    {
        app.UseExceptionHandler();
        if (pipelineService)
        {
            if (app.Services.GetRequiredService<ApiKeyRing>().Keys.Count == 0)
            {
                app.Logger.LogWarning("{Variable} holds no API key: every business request will be refused with 401", ApiKeyRing.Variable);
            }
            app.UseAuthentication();
            app.UseAuthorization();
            app.UseAuditTrail();
        }
        // Live: the process answers. Ready: it can do work (its database and the broker answer). Probes, scrapes and
        // the API's description need no key; they say nothing about any person.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        if (pipelineService)
        {
            app.MapRunProgress();
            app.MapAuditLog();
        }
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
