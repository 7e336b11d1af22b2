using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;
using Expunge.Cli.Generation;
using Expunge.Testing;
using Npgsql;

namespace Expunge.Chaos;

/// <summary>What one fault did to the run, as `expunge chaos --json` writes it.</summary>
public sealed record FaultOutcome(
    string Fault,
    int Lost,
    int Duplicated,
    long Rejected,
    double RecoverySeconds,
    double ThroughputRatio,
    double FaultSeconds,
    double RunSeconds,
    long Undecided,
    long ErrorQueueMessages,
    bool CompleteBeforeFault,
    IReadOnlyList<string> Differences);

/// <summary>
/// The suite's broker, database, proxy, webhook receiver and seeded input; runs the golden run once and each fault
/// on a fresh stack (fresh databases and virtual host, all five services started again), and writes every outcome.
/// </summary>
public sealed class ChaosLab : IAsyncLifetime
{
    /// <summary>Rows of the seeded extract that are broken on purpose: rejected in every run, never lost.</summary>
    public const int BadRows = 5;

    private readonly SemaphoreSlim _goldenOnce = new(1, 1);
    private readonly List<FaultOutcome> _outcomes = [];
    private (OutputSnapshot Snapshot, double Seconds)? _golden;
    private Infrastructure _admin = null!;
    private WebhookReceiver _webhooks = null!;
    private string _extract = "";

    public ChaosSettings Settings { get; } = ChaosSettings.FromEnvironment();
    public ChaosInfrastructure Infrastructure { get; private set; } = null!;
    public BrokerProxy Proxy { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Infrastructure = await ChaosInfrastructure.StartAsync();
        _admin = Infrastructure.Connect();
        await _admin.InitializeAsync();
        var broker = new Uri(Infrastructure.Exported["EXPUNGE_RABBITMQ"]);
        Proxy = new BrokerProxy(new IPEndPoint(IPAddress.Loopback, broker.Port));
        _webhooks = await WebhookReceiver.StartAsync();
        _extract = Path.Combine(Path.GetTempPath(), "expunge-chaos", $"doj-{Settings.People}.dat");
        Directory.CreateDirectory(Path.GetDirectoryName(_extract)!);
        await using var writer = new StreamWriter(_extract, false, new UTF8Encoding(false));
        new DojExtractGenerator(seed: 64).Write(writer, Settings.People, BadRows);
    }

    public async Task<OutputSnapshot> GoldenAsync()
    {
        await _goldenOnce.WaitAsync();
        try
        {
            if (_golden is null)
            {
                var (snapshot, seconds, _) = await RunOnFreshStackAsync(null);
                _golden = (snapshot, seconds);
            }
            return _golden.Value.Snapshot;
        }
        finally
        {
            _goldenOnce.Release();
        }
    }

    public async Task<FaultOutcome> RunAsync(Fault fault)
    {
        var golden = await GoldenAsync();
        var (snapshot, seconds, run) = await RunOnFreshStackAsync(fault);
        var difference = snapshot.Against(golden);
        var outcome = new FaultOutcome(fault.Name, difference.Lost, difference.Duplicated, snapshot.RejectedRows + run.ErrorQueueMessages,
            Math.Round(run.RecoverySeconds, 1), Math.Round(_golden!.Value.Seconds / seconds, 2), Math.Round(run.FaultSeconds, 1), Math.Round(seconds, 1),
            snapshot.Undecided, run.ErrorQueueMessages, run.CompleteBeforeFault, difference.Examples);
        lock (_outcomes) _outcomes.Add(outcome);
        return outcome;
    }

    private sealed record RunFacts(double RecoverySeconds, double FaultSeconds, long ErrorQueueMessages, bool CompleteBeforeFault);

    private async Task<(OutputSnapshot Snapshot, double Seconds, RunFacts Run)> RunOnFreshStackAsync(Fault? fault)
    {
        await using var stack = await RunningServices.StartAsync(_admin, Settings.RecordsPerBatch, route: Proxy.Route);
        await RequireAsync(stack, "policy", "set", Path.Combine(RunningServices.RepositoryRoot, "samples", "policies", "la-2020.json"), "--by", "chaos");
        await RequireAsync(stack, "recipients", "add", "--webhook", _webhooks.Url.ToString(), "--secret", _webhooks.Secret);
        using var client = new PipelineClient(stack);
        var broker = new ChaosBroker(_admin, stack);
        await using var run = new FaultRun(this, stack, client, broker);
        if (fault is not null) await fault.ArrangeAsync(run);

        var clock = Stopwatch.StartNew();
        run.RunId = await client.SubmitAsync(_extract);
        if (fault is not null) await fault.InjectAsync(run);
        var recovery = await run.RecoverySecondsAsync();
        await SettledAsync(stack, client, broker, run.RunId);
        var seconds = clock.Elapsed.TotalSeconds;

        var errors = (await broker.DepthsAsync()).Where(d => d.Key.EndsWith("_error", StringComparison.Ordinal) || d.Key.EndsWith("_skipped", StringComparison.Ordinal)).Sum(d => d.Value);
        var snapshot = await OutputSnapshot.ReadAsync(stack, run.RunId);
        return (snapshot, seconds, new RunFacts(recovery, run.FaultSeconds, errors, run.CompleteBeforeFault));
    }

    /// <summary>Quiescence: every stage done with the run, every outbox drained, every delivery settled and every queue
    /// empty (but error queues) twice in a row a second apart, so a late duplicate still has its chance to do harm.</summary>
    private async Task SettledAsync(RunningServices stack, PipelineClient client, ChaosBroker broker, Guid runId)
    {
        await client.WaitCompleteAsync(runId, Settings.Patience);
        var quietPolls = 0;
        await Eventually.ReturnsAsync(async () =>
        {
            await using var notifications = new NpgsqlConnection(stack.Databases["notifications"]);
            var pending = await notifications.ExecuteScalarAsync<long>("SELECT count(*) FROM notifications.delivery WHERE status = 'pending'");
            var waiting = (await broker.DepthsAsync()).Where(d => !d.Key.EndsWith("_error", StringComparison.Ordinal) && !d.Key.EndsWith("_skipped", StringComparison.Ordinal)).Sum(d => d.Value);
            quietPolls = pending == 0 && waiting == 0 ? quietPolls + 1 : 0;
            if (quietPolls < 2) await Task.Delay(1000);
            return (pending, waiting, quietPolls);
        }, s => s.quietPolls >= 2, Settings.Patience, "deliveries to settle and every queue to empty");
    }

    private static async Task RequireAsync(RunningServices stack, params string[] args)
    {
        var (exitCode, output) = await stack.RunCliAsync(args);
        if (exitCode != 0) throw new InvalidOperationException($"expunge {string.Join(' ', args)} failed ({exitCode}): {output}");
    }

    public async ValueTask DisposeAsync()
    {
        await WriteOutcomesAsync();
        await _webhooks.DisposeAsync();
        await Proxy.DisposeAsync();
        await _admin.DisposeAsync();
        await Infrastructure.StopAsync();
    }

    private static readonly JsonSerializerOptions Report = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private async Task WriteOutcomesAsync()
    {
        var path = Settings.JsonPath ?? Path.Combine(RunningServices.RepositoryRoot, ".local", "chaos", "chaos.json");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var document = new
        {
            matrix = Settings.Full ? "full" : "small",
            people = Settings.People,
            records_per_batch = Settings.RecordsPerBatch,
            outage_seconds = Settings.Outage.TotalSeconds,
            pause_seconds = Settings.Pause.TotalSeconds,
            golden_seconds = _golden is { } g ? Math.Round(g.Seconds, 1) : (double?)null,
            faults = _outcomes,
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, Report));
        Console.Error.WriteLine($"chaos: {_outcomes.Count} faults written to {path}");
    }
}
