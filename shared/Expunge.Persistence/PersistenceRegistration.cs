using System.Reflection;
using Expunge.Security;
using Microsoft.Extensions.Configuration;
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
        // Personal data is encrypted at rest (FieldCipher); a service without its keys refuses to start rather than
        // writing names in the clear.
        services.TryAddSingleton(sp => FieldCipher.Parse(
            sp.GetService<IConfiguration>()?[FieldCipher.Variable] ?? Environment.GetEnvironmentVariable(FieldCipher.Variable)));
        services.AddHostedService<DatabaseMigration>();
        services.TryAddSingleton<IFaultInjector>(_ => (IFaultInjector?)ProcessKillAtFault.FromEnvironment() ?? new NoFaults());
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<Inbox>();
        services.AddSingleton<RunProgress>();
        services.AddHostedService<OutboxRelay>();
        return services;
    }

    private sealed class DatabaseMigration(ServiceDatabase database, IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<FieldCipher>(); // a missing or malformed key stops the service here, saying why
            return database.MigrateAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>The service's database and the migrations it owns: the shared messaging schema first, then its own.</summary>
public sealed class ServiceDatabase(NpgsqlDataSource dataSource, IReadOnlyList<Assembly> migrationAssemblies)
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public Task MigrateAsync(CancellationToken ct) => DatabaseMigrator.MigrateAsync(DataSource, migrationAssemblies, ct);
}
