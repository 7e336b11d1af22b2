using System.Diagnostics;
using Expunge.Testing;

namespace Expunge.Chaos;

/// <summary>
/// A PostgreSQL and a RabbitMQ of the suite's own (scripts/infra.sh with <c>EXPUNGE_LOCAL=.local/chaos</c> and ports
/// of their own): the faults stop and restart them, which the other test projects running beside it must not feel.
/// </summary>
public sealed class ChaosInfrastructure
{
    private readonly Dictionary<string, string> _environment;

    private ChaosInfrastructure(Dictionary<string, string> environment, IReadOnlyDictionary<string, string> exported)
    {
        _environment = environment;
        Exported = exported;
    }

    /// <summary>What infra.sh printed: the admin connection strings of this stack.</summary>
    public IReadOnlyDictionary<string, string> Exported { get; }

    public Infrastructure Connect() => Infrastructure.Given(Exported["EXPUNGE_PG_ADMIN"], new Uri(Exported["EXPUNGE_RABBITMQ"]), new Uri(Exported["EXPUNGE_RABBITMQ_MANAGEMENT"]));

    public static async Task<ChaosInfrastructure> StartAsync()
    {
        var root = RunningServices.RepositoryRoot;
        var local = Path.Combine(root, ".local", "chaos");
        // EXPUNGE_CHAOS_PORT_OFFSET moves the whole stack, so a second checkout's suite can run beside this one.
        var offset = int.TryParse(Environment.GetEnvironmentVariable("EXPUNGE_CHAOS_PORT_OFFSET"), out var o) ? o : 0;
        string Port(int port) => (port + offset).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var environment = new Dictionary<string, string>
        {
            ["EXPUNGE_ROOT"] = root,
            ["EXPUNGE_LOCAL"] = offset == 0 ? local : local + "-" + offset,
            ["EXPUNGE_PG_PORT"] = Port(55442),
            ["EXPUNGE_MQ_PORT"] = Port(55682),
            ["EXPUNGE_MQ_MANAGEMENT_PORT"] = Port(15683),
            ["EXPUNGE_MQ_DIST_PORT"] = Port(25692),
            ["EXPUNGE_MQ_TLS_PORT"] = Port(55681),
        };
        Directory.CreateDirectory(environment["EXPUNGE_LOCAL"]);
        var output = await RunAsync(environment, "start");
        var exported = output.Split('\n')
            .Where(l => l.StartsWith("export ", StringComparison.Ordinal))
            .Select(l => l["export ".Length..].Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1].Trim('\''));
        return new ChaosInfrastructure(environment, exported);
    }

    public Task StopPostgresAsync() => RunAsync(_environment, "stop-postgres");

    public Task StopRabbitMqAsync() => RunAsync(_environment, "stop-rabbitmq");

    /// <summary>Starts whichever of the two is not running (infra.sh start is idempotent).</summary>
    public async Task StartStoppedAsync()
    {
        await RunAsync(_environment, "start");
        // The suite's own pooled connections (creating databases, reading results) died with a restarted server.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    public Task StopAsync() => RunAsync(_environment, "stop");

    private static async Task<string> RunAsync(IReadOnlyDictionary<string, string> environment, string command)
    {
        var start = new ProcessStartInfo(Path.Combine(RunningServices.RepositoryRoot, "scripts", "infra.sh"), [command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"scripts/infra.sh {command} failed ({process.ExitCode}): {await stderr}");
        return await stdout;
    }
}
