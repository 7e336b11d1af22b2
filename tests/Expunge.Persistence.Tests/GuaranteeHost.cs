using Dapper;
using Expunge.Hosting;
using Expunge.Persistence;
using Expunge.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Expunge.Persistence.Tests;

/// <summary>A small service on the real broker and database: the shared persistence, the house bus settings, two stages.</summary>
public sealed class GuaranteeHost : IAsyncDisposable
{
    private readonly IHost _host;

    private GuaranteeHost(IHost host, string connectionString)
    {
        _host = host;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public Deliveries Deliveries => _host.Services.GetRequiredService<Deliveries>();

    public IBus Bus => _host.Services.GetRequiredService<IBus>();

    public Uri Broker { get; private init; } = null!;

    public static async Task<GuaranteeHost> StartAsync(Infrastructure infrastructure, IFaultInjector faults,
        bool upstream = true, bool downstream = true, Uri? broker = null)
    {
        var database = await infrastructure.CreateDatabaseAsync("guarantees");
        broker ??= await infrastructure.CreateVirtualHostAsync("guarantees");
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(faults);
        builder.Services.AddSingleton<Deliveries>();
        builder.Services.AddServiceDatabase(database, typeof(GuaranteeHost).Assembly);
        builder.Services.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter("guarantees", false));
            if (upstream) x.AddConsumer<UpstreamConsumer, UpstreamConsumerDefinition>();
            if (downstream) x.AddConsumer<DownstreamConsumer, DownstreamConsumerDefinition>();
            x.UsingRabbitMq((context, cfg) =>
            {
                BusRegistration.ConfigureHost(cfg, broker);
                cfg.ConfigureEndpoints(context);
            });
        });
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        var host = builder.Build();
        await host.StartAsync();
        return new GuaranteeHost(host, database) { Broker = broker };
    }

    public async Task<long> CountAsync(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
