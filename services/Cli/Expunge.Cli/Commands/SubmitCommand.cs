using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Expunge.EligibilityRules;

namespace Expunge.Cli.Commands;

/// <summary><c>expunge submit</c>: send a run's files to the ingestion API and, with --wait, follow it through every stage.</summary>
public static class SubmitCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var doj = new Option<string[]>("--doj") { Description = "DOJ bulk extract file(s) (.dat or .csv); repeat or comma-separate", AllowMultipleArgumentsPerToken = true };
        var court = new Option<string[]>("--court") { Description = "Court case-management export(s) (CSV, court-records.md)", AllowMultipleArgumentsPerToken = true };
        var da = new Option<string[]>("--da") { Description = "DA / city-attorney case export(s) (CSV, court-records.md)", AllowMultipleArgumentsPerToken = true };
        var wait = new Option<bool>("--wait") { Description = "Show progress per stage until the run has passed every stage" };
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "With --wait: write summary.json, links.csv and errors.json here" };
        var timeout = new Option<int>("--timeout") { Description = "With --wait: give up after this many seconds", DefaultValueFactory = _ => 1800 };
        var policy = new Option<FileInfo?>("--policy") { Description = "Policy file the run is decided with (else the counties' stored policies)" };
        var county = new Option<string?>("--county") { Description = "With --policy: the run county (overrides the file's)" };
        var asOf = new Option<string?>("--as-of") { Description = "With --policy: the as-of date (overrides the file's)" };
        var command = new Command("submit", "Submit input files through the running services (ingestion API) as one run.")
        {
            doj, court, da, policy, county, asOf, wait, outDir, timeout,
        };
        command.SetAction((result, ct) => CommandRunner.RunAsync(async () =>
        {
            var files = InputFiles.Existing(result.GetValue(doj), "--doj", required: false).Select(f => (Kind: "doj", File: new FileInfo(f)))
                .Concat(InputFiles.Existing(result.GetValue(court), "--court", required: false).Select(f => (Kind: "court", File: new FileInfo(f))))
                .Concat(InputFiles.Existing(result.GetValue(da), "--da", required: false).Select(f => (Kind: "da", File: new FileInfo(f))))
                .ToList();
            if (files.Count == 0)
            {
                throw new CliException(ExitCodes.InvalidArguments, "Nothing to read: give at least one --doj, --court or --da FILE.");
            }
            if (result.GetValue(outDir) is not null && !result.GetValue(wait))
            {
                throw new CliException(ExitCodes.InvalidArguments, "--out needs --wait: results exist only once the run has finished.");
            }
            string? runPolicy = null;
            if (result.GetValue(policy) is { } policyFile)
            {
                // Validated here, so a bad key is one clear error now rather than a poison message later; overrides are
                // written into the JSON the run carries.
                var parsed = AnalyzeCommand.LoadPolicy(policyFile, result.GetValue(county), result.GetValue(asOf));
                runPolicy = WithOverrides(File.ReadAllText(policyFile.FullName), parsed.County, parsed.AsOf);
            }
            return await SubmitAsync(files, runPolicy, result.GetValue(wait), result.GetValue(outDir), TimeSpan.FromSeconds(result.GetValue(timeout)), ct);
        }));
        return command;
    }

    /// <summary>Columns convictions.csv adds after analyze's (interfaces.md: sources and person_id, then provenance).</summary>
    public static readonly IReadOnlyList<string> ProvenanceColumns = ["sources", "person_id", "source_references", "source_conflicts"];

    private static string KindName(string kind) => kind switch { "court" => "court export", "da" => "DA export", _ => "DOJ extract" };

    private static string WithOverrides(string policyJson, string county, DateOnly asOf)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(policyJson)!.AsObject();
        node["county"] = county;
        node["asOf"] = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return node.ToJsonString();
    }

    private static async Task<int> SubmitAsync(IReadOnlyList<(string Kind, FileInfo File)> files, string? runPolicy, bool wait, DirectoryInfo? outDir, TimeSpan timeout, CancellationToken ct)
    {
        using var client = new ServiceClient();
        var clock = Stopwatch.StartNew();
        var (runId, exitCode) = await StartRunAsync(client, files, runPolicy, ct);
        if (!wait)
        {
            return exitCode;
        }

        await RunProgressDisplay.FollowAsync(client, runId, timeout, ct);
        Console.WriteLine($"run {runId} passed every stage in {clock.Elapsed.TotalSeconds:F1} s");
        if (outDir is not null)
        {
            await WriteResultsAsync(client, runId, outDir, clock.Elapsed, ct);
        }
        return exitCode;
    }

    /// <summary>Creates a run, uploads its files (printing what each held) and closes it; the benchmark submits the same way.</summary>
    public static async Task<(Guid RunId, int ExitCode)> StartRunAsync(ServiceClient client, IReadOnlyList<(string Kind, FileInfo File)> files, string? runPolicy,
        CancellationToken ct)
    {
        using var body = runPolicy is null ? null
            : new StringContent($"{{\"policy\":{runPolicy}}}", Encoding.UTF8, "application/json");
        var run = await client.PostAsync<RunInfo>("ingestion", "/api/v1/runs", body, ct);
        Console.WriteLine($"run {run.RunId}");
        // On stderr: the first line of stdout stays the run id that scripts read.
        Console.Error.WriteLine($"trace {client.TraceId} (with OTEL_EXPORTER_OTLP_ENDPOINT set, the run's batches follow it through every service)");

        var exitCode = ExitCodes.Success;
        foreach (var (kind, file) in files)
        {
            await using var stream = file.OpenRead();
            using var content = new StreamContent(stream, 1 << 16);
            var uploaded = await client.PostAsync<FileUploadResult>("ingestion",
                $"/api/v1/runs/{run.RunId}/files?kind={kind}&name={Uri.EscapeDataString(file.Name)}", content, ct);
            Console.WriteLine($"  {file.Name}: {uploaded.Rows:N0} rows read, {uploaded.Rejected:N0} rejected" +
                              (uploaded.Warned > 0 ? $", {uploaded.Warned:N0} kept with a value read as unknown" : ""));
            foreach (var error in uploaded.Errors.Take(5))
            {
                Console.WriteLine($"    line {error.Line}: {error.Code}: {error.Message}");
            }
            if (uploaded.AllRowsRejected)
            {
                Console.Error.WriteLine($"{file.FullName}: no row could be read as a {KindName(kind)} (first error: {(uploaded.Errors.Count > 0 ? uploaded.Errors[0].Message : "none listed")}).");
                exitCode = ExitCodes.BadInputFile;
            }
        }
        await client.PostAsync<RunInfo>("ingestion", $"/api/v1/runs/{run.RunId}/close", null, ct);
        return (run.RunId, exitCode);
    }

    private static async Task WriteResultsAsync(ServiceClient client, Guid runId, DirectoryInfo outDir, TimeSpan elapsed, CancellationToken ct)
    {
        outDir.Create();
        var details = await client.GetAsync<RunDetails>("ingestion", $"/api/v1/runs/{runId}", ct);
        var convictions = await client.GetAsync<RunConvictions>("eligibility", $"/api/v1/runs/{runId}/convictions", ct);
        var impact = await client.GetAsync<RunImpactInfo>("eligibility", $"/api/v1/runs/{runId}/impact", ct);

        // The same columns as `expunge analyze`, then which sources reported each conviction and whose it is, each
        // source's report (source:record:count) and where the sources disagree.
        var csv = new StringBuilder();
        csv.Append(ConvictionRows.ToCsvLine([.. convictions.Header, .. ProvenanceColumns])).Append('\n');
        foreach (var row in convictions.Rows)
        {
            csv.Append(ConvictionRows.ToCsvLine([.. row.Values, row.Source, row.PersonId.ToString(),
                string.Join(";", row.References ?? []), string.Join("; ", row.Conflicts ?? [])])).Append('\n');
        }
        var countyOnly = convictions.Rows.Where(r => !r.Source.Split(';').Contains("doj")).ToList();
        var eligible = countyOnly.Count(r => r.Values[ConvictionRows.ColumnIndex("determination")] is Determinations.EligibleForDismissal or Determinations.EligibleForReduction);
        Console.WriteLine($"{convictions.Rows.Count:N0} convictions decided; {countyOnly.Count:N0} of them only in county records (court or DA), " +
                          $"{eligible:N0} of those eligible for relief");
        // People without a policy are kept undecided until a run is submitted with one (or after one is set): say so, or
        // "0 convictions decided" looks like an empty county.
        var determinations = await client.GetAsync<RunDeterminationsInfo>("eligibility", $"/api/v1/runs/{runId}/determinations", ct);
        if (determinations.Pending > 0)
        {
            Console.WriteLine($"{determinations.Pending:N0} of {determinations.People:N0} people wait for a policy: {determinations.Note}");
        }
        await File.WriteAllTextAsync(Path.Combine(outDir.FullName, "convictions.csv"), csv.ToString(), ct);

        var summaryRows = convictions.Rows.Select(r => new SummaryRow(r.Values[ConvictionRows.ColumnIndex("subject_id")],
            r.Values[ConvictionRows.ColumnIndex("determination")], r.Values[ConvictionRows.ColumnIndex("section")],
            r.Values[ConvictionRows.ColumnIndex("reason_code")])).ToList();
        object summary = impact.RunPolicy is { } policyJson
            ? RunSummary.Create(PolicyFile.Parse(policyJson), details.Run.RowsRead, details.Run.RowsRejected, impact.People, summaryRows,
                new Impact((int)impact.PolicyNoFelonyLeft, (int)impact.PolicyNoConvictionLeft, (int)impact.PolicyNoRecentLeft),
                new Impact((int)impact.AllNoFelonyLeft, (int)impact.AllNoConvictionLeft, (int)impact.AllNoRecentLeft), elapsed.TotalSeconds)
            : new Dictionary<string, object?>
            {
                ["policy"] = null, ["input_rows"] = details.Run.RowsRead, ["rejected_rows"] = details.Run.RowsRejected,
                ["people"] = impact.People, ["convictions_in_scope"] = summaryRows.Count,
                ["note"] = "the run named no policy: decisions (if any) used each county's stored policy",
                ["processing_seconds"] = Math.Round(elapsed.TotalSeconds, 2),
            };
        await File.WriteAllTextAsync(Path.Combine(outDir.FullName, "summary.json"), JsonSerializer.Serialize(summary, Indented), ct);

        var links = await client.GetAsync<List<SourceLinkInfo>>("matching", $"/api/v1/runs/{runId}/links", ct);
        var linksCsv = new StringBuilder("source,source_record_id,person_id\n");
        foreach (var link in links)
        {
            linksCsv.Append(ConvictionRows.ToCsvLine([link.Source, link.SourceRecordId, link.PersonId.ToString()])).Append('\n');
        }
        await File.WriteAllTextAsync(Path.Combine(outDir.FullName, "links.csv"), linksCsv.ToString(), ct);

        var rejected = await client.GetAsync<List<RejectedRowInfo>>("ingestion", $"/api/v1/runs/{runId}/rejected?limit=100000", ct);
        var warnings = await client.GetAsync<List<RowWarningInfo>>("ingestion", $"/api/v1/runs/{runId}/warnings?limit=100000", ct);
        // As analyze writes it: every rejected row, and every kept row with a value read as unknown, on its line.
        var errors = new
        {
            files = details.Files.Select(f => new
            {
                file = f.Name,
                rows = f.RowsRead,
                rejected = f.RowsRejected,
                warnings = f.RowsWarned,
                errors = rejected.Where(r => r.File == f.Name).Select(r => new { line = r.Line, code = r.Code, message = r.Message, severity = "error" })
                    .Concat(warnings.Where(w => w.File == f.Name).Select(w => new { line = w.Line, code = w.Code, message = w.Message, severity = "warning" }))
                    .OrderBy(e => e.line).Take(1000),
            }),
        };
        await File.WriteAllTextAsync(Path.Combine(outDir.FullName, "errors.json"), JsonSerializer.Serialize(errors, Indented), ct);
        Console.WriteLine($"results in {outDir.FullName}: convictions.csv ({convictions.Rows.Count:N0} convictions), summary.json, links.csv, errors.json");

        var filings = new DirectoryInfo(Path.Combine(outDir.FullName, "filings"));
        foreach (var package in await FilingsCommand.PackagesAsync(client, runId, ct))
        {
            Console.WriteLine($"filing package {await FilingsCommand.DownloadAsync(client, package, filings, ct)}");
        }
    }
}
