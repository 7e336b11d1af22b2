using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Expunge.Cli.Generation;
using Expunge.Testing;

namespace Expunge.EndToEnd.Tests;

/// <summary>A DOJ extract through all five services, as processes, on a real broker and real databases.</summary>
public sealed class EndToEndTests(Infrastructure infrastructure)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Submit_through_the_services_and_offline_analyze_give_identical_results_for_a_generated_county()
    {
        infrastructure.Require();
        await using var stack = await RunningServices.StartAsync(infrastructure, recordsPerBatch: 200);
        var (file, generated) = Generate(people: 3000, badRows: 4, seed: 7);
        var policy = Path.Combine(RunningServices.RepositoryRoot, "samples", "policies", "la-2020.json");
        var submitted = Path.Combine(Path.GetTempPath(), "expunge-e2e-out", Guid.NewGuid().ToString("N"));
        var analyzed = Path.Combine(Path.GetTempPath(), "expunge-e2e-out", Guid.NewGuid().ToString("N"));

        var (exitCode, output) = await RunCliAsync(stack, "submit", "--doj", file, "--policy", policy, "--wait", "--out", submitted);
        var (analyzeExit, analyzeOutput) = await RunCliAsync(stack, "analyze", "--doj", file, "--policy", policy, "--out", analyzed);

        Assert.True(exitCode == 0, output);
        Assert.True(analyzeExit == 0, analyzeOutput);
        Assert.Contains("passed every stage", output, StringComparison.Ordinal);
        var viaServices = ReadCsv(Path.Combine(submitted, "convictions.csv"));
        var offline = ReadCsv(Path.Combine(analyzed, "convictions.csv"));
        Assert.True(offline.Count > 1000, $"only {offline.Count} convictions decided: the comparison would prove little");
        Assert.Equal([.. offline[0], "sources", "person_id", "source_references", "source_conflicts"], viaServices[0]);
        Assert.Equal(offline, viaServices.Select(r => r.Take(offline[0].Count).ToList()).ToList());
        Assert.All(viaServices.Skip(1), r => Assert.Equal("doj", r[offline[0].Count]));
        Assert.Equal(WithoutTiming(Path.Combine(analyzed, "summary.json")), WithoutTiming(Path.Combine(submitted, "summary.json")));

        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(submitted, "summary.json"), TestContext.Current.CancellationToken));
        Assert.Equal(generated.Rows, summary.RootElement.GetProperty("input_rows").GetInt64());
        Assert.Equal(4, summary.RootElement.GetProperty("rejected_rows").GetInt64());
        Assert.Equal(3000, summary.RootElement.GetProperty("people").GetInt64());
        var links = (await File.ReadAllLinesAsync(Path.Combine(submitted, "links.csv"), TestContext.Current.CancellationToken)).Skip(1).ToList();
        Assert.Equal(3000, links.Count);
        Assert.Equal(3000, links.Select(l => l.Split(',')[2]).Distinct().Count());
        using var errors = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(submitted, "errors.json"), TestContext.Current.CancellationToken));
        Assert.Equal(4, errors.RootElement.GetProperty("files")[0].GetProperty("rejected").GetInt64());

        var runId = Guid.Parse(output.Split('\n')[0]["run ".Length..].Trim());
        var stored = await StoredResults.ReadAsync(stack, runId);
        Assert.Equal(1, stored.OperatorEvents);
        Assert.Equal("matching=15,eligibility=15,motions=15,notifications=1", stored.BatchesAppliedPerStage);
    }

    [Fact]
    public async Task A_county_policy_set_with_the_CLI_decides_a_run_and_an_operator_works_the_review_queue_over_HTTP()
    {
        infrastructure.Require();
        await using var stack = await RunningServices.StartAsync(infrastructure, recordsPerBatch: 200);
        var policy = Path.Combine(RunningServices.RepositoryRoot, "samples", "policies", "la-2020.json");
        var (file, _) = Generate(people: 400, badRows: 0, seed: 3);

        var beforeAnyPolicy = Path.Combine(Path.GetTempPath(), "expunge-e2e-out", Guid.NewGuid().ToString("N"));
        var (unsetExit, unsetOutput) = await RunCliAsync(stack, "submit", "--doj", file, "--wait", "--out", beforeAnyPolicy);
        var (setExit, setOutput) = await RunCliAsync(stack, "policy", "set", policy, "--by", "test.analyst");
        var (showExit, showOutput) = await RunCliAsync(stack, "policy", "show", "los angeles");
        var (submitExit, submitOutput) = await RunCliAsync(stack, "submit", "--doj", file, "--wait");

        // Before the county has a policy a run decides nothing, and says why instead of looking like an empty county.
        Assert.True(unsetExit == 0, unsetOutput);
        Assert.Contains("0 convictions decided", unsetOutput, StringComparison.Ordinal);
        Assert.Contains("400 of 400 people wait for a policy", unsetOutput, StringComparison.Ordinal);
        Assert.True(setExit == 0, setOutput);
        Assert.Contains("LOS ANGELES: la-2020 version 1", setOutput, StringComparison.Ordinal);
        Assert.True(showExit == 0, showOutput);
        Assert.Contains("version 1: la-2020, set", showOutput, StringComparison.Ordinal);
        Assert.Contains("by test.analyst", showOutput, StringComparison.Ordinal);
        Assert.True(submitExit == 0, submitOutput);
        var runId = Guid.Parse(submitOutput.Split('\n')[0]["run ".Length..].Trim());

        using var http = stack.Client("eligibility");
        var counts = await http.GetFromJsonAsync<JsonElement>($"api/v1/runs/{runId}/determinations", TestContext.Current.CancellationToken);
        Assert.Equal(0, counts.GetProperty("pending").GetInt32());
        var queue = await http.GetFromJsonAsync<JsonElement>("api/v1/review?status=open", TestContext.Current.CancellationToken);
        Assert.True(queue.GetArrayLength() > 0, "the generated county has no Hand Review decision to work");
        var item = queue[0];
        Assert.Equal("Hand Review", item.GetProperty("decision").GetProperty("determination").GetString());
        var id = item.GetProperty("determinationId").GetInt64();

        using var noNote = await http.PostAsJsonAsync($"api/v1/review/{id}/override", new { determination = "Eligible for Dismissal" }, TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/review/{id}/override")
        {
            Content = JsonContent.Create(new { note = "court record shows the sentence was recalled", determination = "Eligible for Dismissal" }),
        };
        request.Headers.Add("X-Expunge-Operator", "test.reviewer");
        using var overridden = await http.SendAsync(request, TestContext.Current.CancellationToken);
        using var twice = await http.PostAsJsonAsync($"api/v1/review/{id}/confirm", new { note = "again" }, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, overridden.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, twice.StatusCode);
        var done = await http.GetFromJsonAsync<JsonElement>("api/v1/review?status=overridden", TestContext.Current.CancellationToken);
        Assert.Equal("test.reviewer", done[0].GetProperty("resolvedBy").GetString());
        var convictions = await http.GetFromJsonAsync<JsonElement>($"api/v1/runs/{runId}/convictions", TestContext.Current.CancellationToken);
        Assert.Contains(convictions.GetProperty("rows").EnumerateArray(),
            r => r.GetProperty("determinationId").GetInt64() != id && r.GetProperty("values")[13].GetString() == "OPERATOR_OVERRIDE");
    }

    internal static List<List<string>> ReadCsv(string path)
    {
        // RFC 4180 with quoted commas (names like "DOE,JANE"); the files hold no quoted line breaks.
        var rows = new List<List<string>>();
        foreach (var line in File.ReadLines(path))
        {
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = !quoted;
                else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
                else field.Append(c);
            }
            fields.Add(field.ToString());
            rows.Add(fields);
        }
        return rows;
    }

    private static string WithoutTiming(string summaryPath)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(summaryPath))!.AsObject();
        node.Remove("processing_seconds");
        return node.ToJsonString();
    }

    [Theory]
    [InlineData("matching")]
    [InlineData("eligibility")]
    [InlineData("motions")]
    [InlineData("ingestion")]
    [InlineData("notifications")]
    public async Task Killing_a_service_mid_run_and_starting_it_again_ends_with_the_same_stored_results(string victim)
    {
        infrastructure.Require();
        await using var stack = await RunningServices.StartAsync(infrastructure, recordsPerBatch: 10);
        using var client = new PipelineClient(stack);
        var (file, _) = Generate(people: 600, badRows: 3, seed: 11);

        var undisturbed = await CompletedRunAsync(stack, client, file);

        var disturbedRun = await client.SubmitAsync(file);
        await KillMidRunAsync(stack, client, victim, disturbedRun);
        await stack.StartAsync(victim);
        await client.WaitCompleteAsync(disturbedRun, Patience);
        var disturbed = await StoredResults.ReadAsync(stack, disturbedRun);

        Assert.Equal(undisturbed, disturbed);
        AssertWholeRun(disturbed);
    }

    /// <summary>Submits the file, waits until every stage has finished the run and reads what each stage stored of it.</summary>
    private static async Task<StoredResults> CompletedRunAsync(RunningServices stack, PipelineClient client, string file)
    {
        var runId = await client.SubmitAsync(file);
        await client.WaitCompleteAsync(runId, Patience);
        return await StoredResults.ReadAsync(stack, runId);
    }

    /// <summary>The 600-person extract in batches of 10: every batch applied once by every batch stage, and one package.</summary>
    private static void AssertWholeRun(StoredResults stored)
    {
        Assert.Equal(60, stored.Batches);
        Assert.Equal("matching=60,eligibility=60,motions=60,notifications=1", stored.BatchesAppliedPerStage);
        Assert.Equal(600, stored.People);
    }

    [Fact]
    public async Task Two_instances_of_every_service_store_the_same_results_as_one()
    {
        infrastructure.Require();
        await using var stack = await RunningServices.StartAsync(infrastructure, recordsPerBatch: 10);
        using var client = new PipelineClient(stack);
        var (file, _) = Generate(people: 600, badRows: 3, seed: 13);

        var alone = await CompletedRunAsync(stack, client, file);
        // Each batch stage and the batch it consumes.
        var stages = new Dictionary<string, string> { ["matching"] = "SourceRecordsIngested", ["eligibility"] = "PersonHistoriesMatched", ["motions"] = "ConvictionsDetermined" };
        var before = new Dictionary<string, double>();
        foreach (var (stage, batch) in stages) before[stage] = await ConsumedAsync(stack, stage, batch);

        var second = new Dictionary<string, string>();
        foreach (var service in RunningServices.Services) second[service] = await stack.StartAnotherInstanceAsync(service);
        var paired = await CompletedRunAsync(stack, client, file);

        Assert.Equal(alone, paired);
        AssertWholeRun(paired);
        // Both instances of each batch stage took part, or the test proved nothing.
        foreach (var (stage, batch) in stages)
        {
            Assert.True(await ConsumedAsync(stack, second[stage], batch) > 0, $"the second {stage} instance consumed no batch of the run");
            Assert.True(await ConsumedAsync(stack, stage, batch) > before[stage], $"the first {stage} instance consumed no batch of the second run");
        }
    }

    /// <summary>Messages of <paramref name="messageType"/> an instance has consumed (MassTransit's metrics on its Prometheus endpoint).</summary>
    private static async Task<double> ConsumedAsync(RunningServices stack, string instance, string messageType)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(stack.Urls[instance], "metrics"));
        return text.Split('\n')
            .Where(line => line.StartsWith("messaging_masstransit_consume_duration_milliseconds_count{", StringComparison.Ordinal)
                && line.Contains($"messaging_masstransit_message_type=\"{messageType}\"", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Kills the service while its stage is part-way through the run (ingestion: while it closes the run).</summary>
    private static async Task KillMidRunAsync(RunningServices stack, PipelineClient client, string victim, Guid runId)
    {
        if (victim is "ingestion" or "notifications")
        {
            // Ingestion is closing the run right now; notifications has the whole pipeline still ahead of it.
            await stack.KillAsync(victim);
            return;
        }
        await Eventually.ReturnsAsync(async () =>
        {
            var progress = await client.ProgressAsync(victim, runId);
            return progress.ValueKind == JsonValueKind.Object ? progress.GetProperty("processedBatches").GetInt32() : 0;
        }, processed => processed > 0, Patience, $"{victim} to start on the run");
        await stack.KillAsync(victim);
        var afterKill = await StoredResultsProgress(stack, victim, runId);
        Assert.True(afterKill < 60, $"{victim} had already finished the run ({afterKill} batches) before it was killed: the test proved nothing");
    }

    private static async Task<int> StoredResultsProgress(RunningServices stack, string service, Guid runId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(stack.Databases[service]);
        await connection.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT coalesce(max(processed_batches), 0) FROM messaging.run_stage WHERE run_id = @runId", connection);
        cmd.Parameters.AddWithValue("runId", runId);
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static (string File, GeneratedExtract Generated) Generate(int people, int badRows, int seed)
    {
        var file = Path.Combine(Path.GetTempPath(), "expunge-e2e", $"doj-{people}-{seed}-{Guid.NewGuid():N}.dat");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using var writer = new StreamWriter(file, false, new UTF8Encoding(false));
        return (file, new DojExtractGenerator(seed).Write(writer, people, badRows));
    }

    internal static Task<(int ExitCode, string Output)> RunCliAsync(RunningServices stack, params string[] args) => stack.RunCliAsync(args);
}
