using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Expunge.Testing;
using Npgsql;

namespace Expunge.Chaos;

/// <summary>One run of the seeded input on a fresh stack, and what a fault needs to act on it.</summary>
public sealed class FaultRun(ChaosLab lab, RunningServices stack, PipelineClient client, ChaosBroker broker) : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _faultStarted;
    private TimeSpan? _faultEnded;

    public RunningServices Stack => stack;
    public ChaosBroker Broker => broker;
    public ChaosSettings Settings => lab.Settings;
    public ChaosInfrastructure Infrastructure => lab.Infrastructure;
    public BrokerProxy Proxy => lab.Proxy;
    public Guid RunId { get; set; }

    /// <summary>Whether the run had finished every stage when the fault began (then the fault proved nothing).</summary>
    public bool CompleteBeforeFault { get; private set; }

    public async Task FaultStartedAsync()
    {
        _faultStarted ??= _clock.Elapsed;
        if (RunId != Guid.Empty) CompleteBeforeFault = await CompleteNowAsync();
    }

    public void FaultEnded() => _faultEnded = _clock.Elapsed;

    public double FaultSeconds => ((_faultEnded ?? TimeSpan.Zero) - (_faultStarted ?? TimeSpan.Zero)).TotalSeconds;

    /// <summary>Disposed with the run (the duplicator, say).</summary>
    public void Own(IAsyncDisposable resource) => _owned.Add(resource);

    /// <summary>Until <paramref name="stage"/> has applied a couple of the run's batches: the fault then lands while
    /// batches are flowing through it.</summary>
    public Task WhileUnderLoadAsync(string stage) =>
        Eventually.ReturnsAsync(() => ProcessedAsync(stage), n => n >= 2, Settings.Patience, $"{stage} to apply the run's first batches");

    /// <summary>Until ingestion has read the whole run and published every batch of it.</summary>
    public Task IngestionPublishedEverythingAsync() =>
        Eventually.ReturnsAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(stack.Databases["ingestion"]);
            return await connection.QuerySingleAsync<(string Status, long Unsent)>("""
                SELECT (SELECT status FROM ingestion.run WHERE run_id = @RunId), (SELECT count(*) FROM messaging.outbox WHERE sent_at IS NULL)
                """, new { RunId });
        }, s => s.Status == "ingested" && s.Unsent == 0, Settings.Patience, "ingestion to publish every batch of the run");

    /// <summary>
    /// From the fault's end until the pipeline moves again: some stage applies another batch (or the run completes).
    /// That is the time reconnecting, redelivering and restarting took, not the work still ahead.
    /// </summary>
    public async Task<double> RecoverySecondsAsync()
    {
        if (_faultEnded is null) return 0;
        var before = await TotalProcessedAsync();
        await Eventually.ReturnsAsync(async () => (Processed: await TotalProcessedAsync(), Complete: await CompleteNowAsync()),
            s => s.Processed > before || s.Complete, Settings.Patience, "the pipeline to move again after the fault");
        return (_clock.Elapsed - _faultEnded.Value).TotalSeconds;
    }

    private async Task<int> ProcessedAsync(string stage)
    {
        var progress = await client.ProgressAsync(stage, RunId);
        return progress.ValueKind == JsonValueKind.Object ? progress.GetProperty("processedBatches").GetInt32() : 0;
    }

    private async Task<int> TotalProcessedAsync() => (await Task.WhenAll(RunningServices.Services.Select(ProcessedAsync))).Sum();

    private async Task<bool> CompleteNowAsync()
    {
        var states = await Task.WhenAll(RunningServices.Services.Select(s => client.ProgressAsync(s, RunId)));
        return states.All(s => s.ValueKind == JsonValueKind.Object && s.GetProperty("complete").GetBoolean());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned) await owned.DisposeAsync();
    }
}
