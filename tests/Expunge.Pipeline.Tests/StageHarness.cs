using Dapper;
using Expunge.Hosting;
using Expunge.Persistence;
using Expunge.Testing;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Expunge.Pipeline.Tests;

/// <summary>
/// One stage's consumers on MassTransit's in-memory harness with the stage's real, migrated database. What the stage
/// publishes goes through its outbox: <see cref="RelayAsync"/> runs the relay once, as the service's background relay would.
/// </summary>
public sealed class StageHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private StageHarness(ServiceProvider provider) => _provider = provider;

    public ITestHarness Harness => _provider.GetRequiredService<ITestHarness>();

    public NpgsqlDataSource Database => _provider.GetRequiredService<NpgsqlDataSource>();

    public static async Task<StageHarness> StartAsync(Infrastructure infrastructure, string stage,
        Action<IServiceCollection, string> addServices, Action<IBusRegistrationConfigurator> addConsumers)
    {
        var database = await infrastructure.CreateDatabaseAsync(stage);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton(new ExpungeTelemetry(stage));
        addServices(services, database);
        services.AddMassTransitTestHarness(addConsumers);
        var provider = services.BuildServiceProvider(validateScopes: true);
        await provider.GetRequiredService<ServiceDatabase>().MigrateAsync(TestContext.Current.CancellationToken);
        await provider.GetRequiredService<ITestHarness>().Start();
        return new StageHarness(provider);
    }

    /// <summary>Publishes as an upstream stage would: with a deterministic message id.</summary>
    public Task PublishAsync<T>(T message, Guid messageId) where T : class =>
        Harness.Bus.Publish(message, c => c.MessageId = messageId, TestContext.Current.CancellationToken);

    /// <summary>
    /// Waits until the stage has consumed and committed the message with this id (its inbox row exists). The harness's
    /// own waits end for good once the bus has been idle, so a test that publishes in steps polls the database instead.
    /// </summary>
    public async Task ConsumedAsync<T>(Guid messageId) where T : class
    {
        try
        {
            await Eventually.ReturnsAsync(() => ScalarAsync<long>("SELECT count(*) FROM messaging.inbox WHERE message_id = @messageId", new { messageId }),
                n => n == 1, TimeSpan.FromSeconds(15), $"{typeof(T).Name} {messageId} to be consumed");
        }
        catch (TimeoutException ex)
        {
            var faults = string.Join("; ", Harness.Consumed.Select<T>().Where(m => m.Exception is not null).Select(m => m.Exception!.Message));
            throw new TimeoutException($"{ex.Message}; consumer faults: [{faults}]", ex);
        }
    }

    public async Task<int> RelayAsync()
    {
        var relay = new OutboxRelay(Database, Harness.Bus, _provider.GetRequiredService<OutboxSignal>(), new NoFaults(),
            NullLogger<OutboxRelay>.Instance, _provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        return await relay.PublishPendingAsync(TestContext.Current.CancellationToken);
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    public async Task<IEnumerable<T>> RowsAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return (await connection.QueryAsync<T>(sql, parameters)).ToList();
    }

    public T Service<T>() where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>A background worker of the stage, made from its services, for a test to drive one step at a time.</summary>
    public T Create<T>() where T : notnull => ActivatorUtilities.CreateInstance<T>(_provider);

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }
}
