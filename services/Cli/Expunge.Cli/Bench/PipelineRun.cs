using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Expunge.Cli.Commands;
using Npgsql;

namespace Expunge.Cli.Bench;

/// <summary>One submission through the running services, from the first byte uploaded until every stage has seen the
/// whole run (the last, notifications, once the filing packages exist), watched from outside.</summary>
public sealed record PipelineRun(long Rows, int Batches, double Seconds, double IngestRowsPerSecond, long Messages,
    IReadOnlyDictionary<string, double> StageItemsPerSecond, IReadOnlyDictionary<string, double> PeakRssMb)
{
    /// <param name="timeout">How long the run may take before the benchmark gives up on it (a stage that died).</param>
    public static async Task<PipelineRun> MeasureAsync(ServiceClient client, FileInfo extract, string policyJson, TimeSpan timeout, CancellationToken ct)
    {
        var publishedBefore = await PublishedAsync(ct);
        var watched = WatchedProcesses();
        var postgres = PostgresProcess();
        var postgresPeak = 0.0;
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                if (postgres is { } pg) postgresPeak = Math.Max(postgresPeak, ProcessMemory.TreeRssMb(pg));
                try { await Task.Delay(1000, sampling.Token); } catch (OperationCanceledException) { return; }
            }
        }, CancellationToken.None);

        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var (runId, _) = await SubmitCommand.StartRunAsync(client, [("doj", extract)], policyJson, ct);
        IReadOnlyList<StageProgressInfo> stages;
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            stages = await RunProgressDisplay.ReadAsync(client, runId, ct);
            if (stages.All(s => s.Complete)) break;
            if (clock.Elapsed > timeout)
            {
                await sampling.CancelAsync();
                throw new CliException(ExitCodes.Failure, $"Run {runId} did not pass every stage within {timeout.TotalMinutes:F0} min ({RunProgressDisplay.Format(stages)}); `expunge status {runId}` shows where it stands.");
            }
            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(10))
            {
                Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:F0} s  {RunProgressDisplay.Format(stages)}");
                lastReport = clock.Elapsed;
            }
            await Task.Delay(250, ct);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        await sampler;

        var run = (await client.GetAsync<RunDetails>("ingestion", $"/api/v1/runs/{runId}", ct)).Run;
        var ingestion = stages.Single(s => s.Stage == "ingestion");
        var ingestSeconds = ((ingestion.CompletedAt ?? DateTimeOffset.UtcNow) - started).TotalSeconds;
        var rates = new Dictionary<string, double> { ["ingestion"] = Math.Round((run.Records ?? 0) / ingestSeconds) };
        foreach (var stage in stages.Where(s => s.Stage is not "ingestion" and not "notifications"))
        {
            var busy = ((stage.CompletedAt ?? DateTimeOffset.UtcNow) - (stage.StartedAt ?? started)).TotalSeconds;
            rates[stage.Stage] = Math.Round(stage.Items / Math.Max(busy, 0.001));
        }
        // The management API's counters move every few seconds: let them catch up before reading.
        await Task.Delay(TimeSpan.FromSeconds(6), ct);
        var published = await PublishedAsync(ct) is { } after && publishedBefore is { } before ? after - before
            : 3L * (run.BatchCount ?? 0) + 2; // three hops per batch, RunIngested and RunCompleted
        var peaks = watched.Select(w => (w.Name, Mb: ProcessMemory.PeakMb(w.Pid))).Where(p => p.Mb is not null).ToDictionary(p => p.Name, p => p.Mb!.Value);
        if (postgres is not null) peaks["postgres (all backends)"] = postgresPeak;
        return new PipelineRun(run.RowsRead, run.BatchCount ?? 0, seconds, run.RowsRead / ingestSeconds, published, rates, peaks);
    }

    private static List<(string Name, int Pid)> WatchedProcesses()
    {
        var watched = ServiceClient.Stages.Select(s => (s, ProcessMemory.ListenerOf(ServiceClient.UrlOf(s).Port))).Where(p => p.Item2 is not null)
            .Select(p => (p.s, p.Item2!.Value)).ToList();
        if (Environment.GetEnvironmentVariable("EXPUNGE_RABBITMQ") is { } broker && ProcessMemory.ListenerOf(new Uri(broker).Port) is { } mq) watched.Add(("rabbitmq", mq));
        return watched;
    }

    private static int? PostgresProcess() =>
        Environment.GetEnvironmentVariable("EXPUNGE_PG_ADMIN") is { } admin ? ProcessMemory.ListenerOf(new NpgsqlConnectionStringBuilder(admin).Port) : null;

    /// <summary>Messages published on the broker's virtual host so far (management API), or null when it cannot say.</summary>
    private static async Task<long?> PublishedAsync(CancellationToken ct)
    {
        var info = await ManagementAsync("vhosts/{vhost}", ct);
        return info is not { } vhost ? null
            : vhost.TryGetProperty("message_stats", out var stats) && stats.TryGetProperty("publish", out var publish) ? publish.GetInt64() : 0;
    }

    /// <summary>The stage queues holding messages (error and skipped queues aside): work of earlier runs a measurement would share the machine with.</summary>
    public static async Task<IReadOnlyList<(string Name, long Messages)>> BusyQueuesAsync(CancellationToken ct)
    {
        if (await ManagementAsync("queues/{vhost}?columns=name,messages", ct) is not { ValueKind: JsonValueKind.Array } queues) return [];
        return [.. queues.EnumerateArray()
            .Select(q => (Name: q.GetProperty("name").GetString() ?? "", Messages: q.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : 0))
            .Where(q => q.Messages > 0 && !q.Name.EndsWith("_error", StringComparison.Ordinal) && !q.Name.EndsWith("_skipped", StringComparison.Ordinal))];
    }

    /// <summary>A GET on the broker's management API (<c>{vhost}</c> in the path is the broker's virtual host), or null when it cannot answer.</summary>
    private static async Task<JsonElement?> ManagementAsync(string path, CancellationToken ct)
    {
        if (Environment.GetEnvironmentVariable("EXPUNGE_RABBITMQ_MANAGEMENT") is not { Length: > 0 } management
            || Environment.GetEnvironmentVariable("EXPUNGE_RABBITMQ") is not { } broker) return null;
        var api = new Uri(management);
        var vhost = Uri.UnescapeDataString(new Uri(broker).AbsolutePath.TrimStart('/')) is { Length: > 0 } v ? v : "/";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        if (api.UserInfo.Length > 0)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(api.UserInfo))));
        }
        try
        {
            return await http.GetFromJsonAsync<JsonElement>(new Uri(api, "/api/" + path.Replace("{vhost}", Uri.EscapeDataString(vhost), StringComparison.Ordinal)), ct);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
