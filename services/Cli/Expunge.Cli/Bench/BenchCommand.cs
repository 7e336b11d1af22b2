using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Expunge.Cli.Analysis;
using Expunge.Cli.Commands;
using Expunge.Cli.Generation;

namespace Expunge.Cli.Bench;

/// <summary>
/// <c>expunge bench --size S|M|L</c>: one seeded DOJ extract through the running services, measured beside what the
/// same machine does with no pipeline (binary COPY of the rows, raw broker publish + consume of as many messages,
/// <c>expunge analyze</c> in memory), repetitions interleaved so that a machine getting slower hurts both alike.
/// </summary>
public static class BenchCommand
{
    private static readonly Dictionary<string, long> Sizes = new(StringComparer.OrdinalIgnoreCase) { ["S"] = 20_000, ["M"] = 1_000_000, ["L"] = 4_000_000 };
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create()
    {
        var size = new Option<string>("--size") { Description = "S (20,000 rows), M (1,000,000 rows, ~200,000 subjects), L (4,000,000 rows)", DefaultValueFactory = _ => "S" };
        var data = new Option<DirectoryInfo>("--data") { Description = "Where the generated extracts are kept and reused", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(".local", "bench")) };
        var json = new Option<FileInfo?>("--json") { Description = "Write the figures as JSON here" };
        var repeat = new Option<int>("--repeat") { Description = "Interleaved repetitions of baselines and pipeline (medians reported)", DefaultValueFactory = _ => 1 };
        var force = new Option<bool>("--force") { Description = "Run at once even though the machine is busy (the figures record the load)" };
        var policyFile = new Option<FileInfo>("--policy") { Description = "The policy for analyze and the run", DefaultValueFactory = _ => new FileInfo(Path.Combine("samples", "policies", "la-2020.json")) };
        var command = new Command("bench", "Measure the pipeline against raw COPY, raw broker and in-memory analysis on this machine.") { size, data, json, repeat, force, policyFile };
        command.SetAction((result, ct) => CommandRunner.RunAsync(() => RunAsync(result.GetValue(size)!, result.GetValue(data)!, result.GetValue(json),
            Math.Max(1, result.GetValue(repeat)), result.GetValue(force), result.GetValue(policyFile)!, ct)));
        return command;
    }

    private static async Task<int> RunAsync(string size, DirectoryInfo data, FileInfo? json, int repeat, bool force, FileInfo policyFile, CancellationToken ct)
    {
        if (!policyFile.Exists) throw new CliException(ExitCodes.InvalidArguments, $"{policyFile.FullName}: no such policy file (--policy).");
        if (!Sizes.TryGetValue(size, out var rows)) throw new CliException(ExitCodes.InvalidArguments, $"--size must be S, M or L, not '{size}'.");
        var admin = Environment.GetEnvironmentVariable("EXPUNGE_PG_ADMIN")
            ?? throw new CliException(ExitCodes.InvalidArguments, "EXPUNGE_PG_ADMIN is not set: the COPY baseline needs PostgreSQL's admin connection (./expunge up prints it).");
        var broker = new Uri(Environment.GetEnvironmentVariable("EXPUNGE_RABBITMQ")
            ?? throw new CliException(ExitCodes.InvalidArguments, "EXPUNGE_RABBITMQ is not set: the broker baseline needs its address (./expunge up prints it)."));
        using var client = new ServiceClient();
        foreach (var service in ServiceClient.Stages)
        {
            if (!await client.IsReadyAsync(service, ct)) throw new CliException(ExitCodes.ServicesUnreachable, $"The {service} service is not ready: start the stack with ./expunge up.");
        }
        var load = await WaitForQuietAsync(force, ct);
        if (await PipelineRun.BusyQueuesAsync(ct) is { Count: > 0 } busy)
        {
            var what = $"the pipeline is still working on earlier runs ({string.Join(", ", busy.Select(q => $"{q.Name}: {q.Messages:N0}"))} messages queued)";
            if (!force) throw new CliException(ExitCodes.Failure, $"Not measuring: {what}. Wait for them to finish, or pass --force.");
            Console.WriteLine($"warning: {what}");
        }

        var extract = EnsureExtract(data, size, rows);
        var policy = AnalyzeCommand.LoadPolicy(policyFile, null, null);
        var policyJson = await File.ReadAllTextAsync(policyFile.FullName, ct);
        var runs = new List<PipelineRun>();
        var (copies, brokers, analyses) = (new List<double>(), new List<double>(), new List<double>());
        for (var i = 0; i < repeat; i++)
        {
            Console.WriteLine($"== repetition {i + 1} of {repeat}");
            copies.Add(await Baselines.CopyRowsPerSecondAsync(admin, extract.FullName, ct));
            Console.WriteLine($"  COPY baseline: {copies[^1]:N0} rows/s");
            var analyzed = Stopwatch.StartNew();
            OfflineAnalysis.Run([extract.FullName], policy, Path.Combine(data.FullName, $"analyze-{size}"), TextWriter.Null);
            analyses.Add(analyzed.Elapsed.TotalSeconds);
            Console.WriteLine($"  expunge analyze: {analyses[^1]:F1} s");
            runs.Add(await PipelineRun.MeasureAsync(client, extract, policyJson, TimeSpan.FromMinutes(Math.Max(10, rows / 10_000.0)), ct));
            var run = runs[^1];
            Console.WriteLine($"  pipeline: {run.Seconds:F1} s end to end, {run.Messages:N0} messages published");
            // As many messages as the pipeline published, each the size of an average batch.
            brokers.Add(await Baselines.BrokerMessagesPerSecondAsync(broker, Math.Max(100, (int)run.Messages), (int)Math.Clamp(extract.Length * 2 / Math.Max(1, run.Batches), 1_000, 4_000_000), ct));
            Console.WriteLine($"  broker baseline: {brokers[^1]:N0} messages/s");
        }

        // The median run by time stands for the run's counts (rows, messages, stage rates).
        var median = runs.OrderBy(r => r.Seconds).ElementAt(runs.Count / 2);
        var figures = new BenchFigures
        {
            Size = size.ToUpperInvariant(),
            Rows = median.Rows,
            Repetitions = repeat,
            E2eSeconds = Median(runs.Select(r => r.Seconds)),
            IngestRowsPerS = Median(runs.Select(r => r.IngestRowsPerSecond)),
            CopyRowsPerS = Median(copies),
            PipelineMsgsPerS = Median(runs.Select(r => r.Messages / r.Seconds)),
            RawMqMsgsPerS = Median(brokers),
            AnalyzeSeconds = Median(analyses),
            MessagesSent = median.Messages,
            StageItemsPerS = median.StageItemsPerSecond,
            MaxRssMb = runs.SelectMany(r => r.PeakRssMb).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => Math.Round(g.Max(p => p.Value), 1)),
            LoadAverageAtStart = load,
        };
        figures = figures with
        {
            IngestVsCopy = Math.Round(figures.IngestRowsPerS / figures.CopyRowsPerS, 3),
            MessagesVsRawMq = Math.Round(figures.PipelineMsgsPerS / figures.RawMqMsgsPerS, 3),
        };
        Console.WriteLine();
        Console.WriteLine($"rows {figures.Rows:N0}: end to end {figures.E2eSeconds:F1} s ({figures.Rows / figures.E2eSeconds:N0} rows/s); analyze {figures.AnalyzeSeconds:F1} s");
        Console.WriteLine($"ingestion {figures.IngestRowsPerS:N0} rows/s = {figures.IngestVsCopy:P0} of COPY ({figures.CopyRowsPerS:N0} rows/s)");
        Console.WriteLine($"messages {figures.PipelineMsgsPerS:N0}/s = {figures.MessagesVsRawMq:P0} of the raw broker ({figures.RawMqMsgsPerS:N0}/s)");
        foreach (var (stage, rate) in figures.StageItemsPerS) Console.WriteLine($"  {stage,-14} {rate,10:N0} items/s");
        foreach (var (process, mb) in figures.MaxRssMb) Console.WriteLine($"  {process,-14} peak {mb,8:N0} MB");
        if (json is not null)
        {
            json.Directory?.Create();
            await File.WriteAllTextAsync(json.FullName, JsonSerializer.Serialize(figures, Indented), ct);
            Console.WriteLine($"figures: {json.FullName}");
        }
        return ExitCodes.Success;
    }

    private static double Median(IEnumerable<double> values) => values.Order().ToList() is var sorted && sorted.Count > 0 ? Math.Round(sorted[sorted.Count / 2], 2) : 0;

    /// <summary>A loaded machine measures the load, not the pipeline: wait up to three minutes for it to settle (the
    /// one-minute load average takes that long to fall after a build).</summary>
    private static async Task<double> WaitForQuietAsync(bool force, CancellationToken ct)
    {
        static double Load() => double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        var limit = Environment.ProcessorCount * 0.5;
        for (var i = 0; i < 36 && !force && Load() > limit; i++)
        {
            if (i == 0) Console.WriteLine($"load average {Load():F2} is above {limit:F1}: waiting for the machine to settle…");
            await Task.Delay(TimeSpan.FromSeconds(5), ct);
        }
        var load = Load();
        if (load > limit && !force)
        {
            throw new CliException(ExitCodes.Failure, $"The machine is busy (load average {load:F2} on {Environment.ProcessorCount} cores): figures would be wrong. Stop what runs, or pass --force.");
        }
        if (load > limit) Console.WriteLine($"warning: measuring on a busy machine (load average {load:F2})");
        return load;
    }

    private static FileInfo EnsureExtract(DirectoryInfo data, string size, long rows)
    {
        data.Create();
        var file = new FileInfo(Path.Combine(data.FullName, $"doj-{size.ToUpperInvariant()}.dat"));
        if (file.Exists && file.Length > 0) return file;
        Console.WriteLine($"generating {rows:N0} rows (seed 64) into {file.FullName}…");
        using (var writer = new StreamWriter(file.FullName + ".tmp", false, new UTF8Encoding(false), 1 << 16))
        {
            new DojExtractGenerator(64).WriteRows(writer, rows, 0);
        }
        File.Move(file.FullName + ".tmp", file.FullName, overwrite: true);
        file.Refresh();
        return file;
    }
}

/// <summary>The figures of a benchmark (the JSON file's keys are these names in snake_case).</summary>
public sealed record BenchFigures
{
    public required string Size { get; init; }
    public long Rows { get; init; }
    public int Repetitions { get; init; }
    public double E2eSeconds { get; init; }
    public double IngestRowsPerS { get; init; }
    public double CopyRowsPerS { get; init; }
    public double IngestVsCopy { get; init; }
    public double PipelineMsgsPerS { get; init; }
    public double RawMqMsgsPerS { get; init; }
    public double MessagesVsRawMq { get; init; }
    public double AnalyzeSeconds { get; init; }
    public long MessagesSent { get; init; }
    public IReadOnlyDictionary<string, double> StageItemsPerS { get; init; } = new Dictionary<string, double>();
    public IReadOnlyDictionary<string, double> MaxRssMb { get; init; } = new Dictionary<string, double>();
    public double LoadAverageAtStart { get; init; }
}
