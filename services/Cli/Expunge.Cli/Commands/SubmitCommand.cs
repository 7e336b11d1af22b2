using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Expunge.Cli.Commands;

/// <summary><c>expunge submit</c>: send a run's files to the ingestion API and, with --wait, follow it through every stage.</summary>
public static class SubmitCommand
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var doj = new Option<FileInfo[]>("--doj") { Description = "DOJ bulk extract file(s) (.dat or .csv); repeat or comma-separate", AllowMultipleArgumentsPerToken = true };
        var wait = new Option<bool>("--wait") { Description = "Show progress per stage until the run has passed every stage" };
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "With --wait: write summary.json, links.csv and errors.json here" };
        var timeout = new Option<int>("--timeout") { Description = "With --wait: give up after this many seconds", DefaultValueFactory = _ => 1800 };
        var command = new Command("submit", "Submit input files through the running services (ingestion API) as one run.") { doj, wait, outDir, timeout };
        command.SetAction((result, ct) => CommandRunner.RunAsync(async () =>
        {
            var files = (result.GetValue(doj) ?? [])
                .SelectMany(f => f.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(p => new FileInfo(p)).ToList();
            if (files.Count == 0)
            {
                throw new CliException(ExitCodes.InvalidArguments, "Nothing to submit: give at least one --doj FILE.");
            }
            if (files.FirstOrDefault(f => !f.Exists) is { } missing)
            {
                throw new CliException(ExitCodes.BadInputFile, $"Input file {missing.FullName} does not exist.");
            }
            if (result.GetValue(outDir) is not null && !result.GetValue(wait))
            {
                throw new CliException(ExitCodes.InvalidArguments, "--out needs --wait: results exist only once the run has finished.");
            }
            return await SubmitAsync(files, result.GetValue(wait), result.GetValue(outDir), TimeSpan.FromSeconds(result.GetValue(timeout)), ct);
        }));
        return command;
    }

    private static async Task<int> SubmitAsync(IReadOnlyList<FileInfo> files, bool wait, DirectoryInfo? outDir, TimeSpan timeout, CancellationToken ct)
    {
        using var client = new ServiceClient();
        var clock = Stopwatch.StartNew();
        var run = await client.PostAsync<RunInfo>("ingestion", "/api/v1/runs", null, ct);
        Console.WriteLine($"run {run.RunId}");

        var exitCode = ExitCodes.Success;
        foreach (var file in files)
        {
            await using var stream = file.OpenRead();
            using var content = new StreamContent(stream, 1 << 16);
            var uploaded = await client.PostAsync<FileUploadResult>("ingestion",
                $"/api/v1/runs/{run.RunId}/files?kind=doj&name={Uri.EscapeDataString(file.Name)}", content, ct);
            Console.WriteLine($"  {file.Name}: {uploaded.Rows:N0} rows read, {uploaded.Rejected:N0} rejected");
            foreach (var error in uploaded.Errors.Take(5))
            {
                Console.WriteLine($"    line {error.Line}: {error.Code}: {error.Message}");
            }
            if (uploaded.AllRowsRejected)
            {
                Console.Error.WriteLine($"{file.FullName}: no row could be read as a DOJ extract (first error: {(uploaded.Errors.Count > 0 ? uploaded.Errors[0].Message : "none listed")}).");
                exitCode = ExitCodes.BadInputFile;
            }
        }
        await client.PostAsync<RunInfo>("ingestion", $"/api/v1/runs/{run.RunId}/close", null, ct);
        if (!wait)
        {
            return exitCode;
        }

        await RunProgressDisplay.FollowAsync(client, run.RunId, timeout, ct);
        Console.WriteLine($"run {run.RunId} passed every stage in {clock.Elapsed.TotalSeconds:F1} s");
        if (outDir is not null)
        {
            await WriteResultsAsync(client, run.RunId, outDir, clock.Elapsed, ct);
        }
        return exitCode;
    }

    private static async Task WriteResultsAsync(ServiceClient client, Guid runId, DirectoryInfo outDir, TimeSpan elapsed, CancellationToken ct)
    {
        outDir.Create();
        var details = await client.GetAsync<RunDetails>("ingestion", $"/api/v1/runs/{runId}", ct);
        var determinations = await client.GetAsync<DeterminationCounts>("eligibility", $"/api/v1/runs/{runId}/determinations", ct);
        var summary = new
        {
            runId,
            inputRows = details.Run.RowsRead,
            rejectedRows = details.Run.RowsRejected,
            records = details.Run.Records,
            batches = details.Run.BatchCount,
            people = determinations.People,
            pendingDecision = determinations.Pending,
            decided = determinations.Decided,
            processingSeconds = Math.Round(elapsed.TotalSeconds, 1),
        };
        await File.WriteAllTextAsync(Path.Combine(outDir.FullName, "summary.json"),
            JsonSerializer.Serialize(summary, Indented), ct);

        var links = await client.GetAsync<List<SourceLinkInfo>>("matching", $"/api/v1/runs/{runId}/links", ct);
        var csv = new StringBuilder("source,source_record_id,person_id\n");
        foreach (var link in links)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{Csv.Field(link.Source)},{Csv.Field(link.SourceRecordId)},{link.PersonId}\n");
        }
        await File.WriteAllTextAsync(Path.Combine(outDir.FullName, "links.csv"), csv.ToString(), ct);

        var rejected = await client.GetAsync<List<RejectedRowInfo>>("ingestion", $"/api/v1/runs/{runId}/rejected?limit=100000", ct);
        var errors = new
        {
            files = details.Files.Select(f => new
            {
                file = f.Name,
                rows = f.RowsRead,
                rejected = f.RowsRejected,
                errors = rejected.Where(r => r.File == f.Name).Take(1000).Select(r => new { line = r.Line, code = r.Code, message = r.Message }),
            }),
        };
        await File.WriteAllTextAsync(Path.Combine(outDir.FullName, "errors.json"),
            JsonSerializer.Serialize(errors, Indented), ct);
        Console.WriteLine($"results in {outDir.FullName}: summary.json, links.csv, errors.json");
    }
}

/// <summary>RFC 4180 quoting for the few CSV files the CLI writes.</summary>
public static class Csv
{
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
