using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Expunge.Persistence;

public static class PersistenceRegistration
{
    /// <summary>
    /// Registers the service's one data source, migrates its database at start-up (before the bus starts consuming:
    /// hosted services start in registration order, so call this before adding the bus), the inbox, outbox and relay.
    /// </summary>
    public static IServiceCollection AddServiceDatabase(this IServiceCollection services, string connectionString, Assembly serviceAssembly)
    {
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString) { Name = serviceAssembly.GetName().Name }.Build());
        services.AddSingleton(sp => new ServiceDatabase(sp.GetRequiredService<NpgsqlDataSource>(), [typeof(PersistenceRegistration).Assembly, serviceAssembly]));
        services.AddHostedService<DatabaseMigration>();
        services.TryAddSingleton<IFaultInjector>(_ => (IFaultInjector?)ProcessKillAtFault.FromEnvironment() ?? new NoFaults());
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<Inbox>();
        services.AddSingleton<RunProgress>();
        services.AddHostedService<OutboxRelay>();
        return services;
    }

    private sealed class DatabaseMigration(ServiceDatabase database) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => database.MigrateAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>The service's database and the migrations it owns: the shared messaging schema first, then its own.</summary>
public sealed class ServiceDatabase(NpgsqlDataSource dataSource, IReadOnlyList<Assembly> migrationAssemblies)
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public Task MigrateAsync(CancellationToken ct) => DatabaseMigrator.MigrateAsync(DataSource, migrationAssemblies, ct);
}
