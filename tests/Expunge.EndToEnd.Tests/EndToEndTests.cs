using System.Diagnostics;
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
    public async Task A_DOJ_extract_submitted_with_the_CLI_passes_every_stage_and_every_subject_is_accounted_for()
    {
        infrastructure.Require();
        await using var stack = await RunningServices.StartAsync(infrastructure, recordsPerBatch: 100);
        var (file, generated) = Generate(people: 500, badRows: 4, seed: 7);
        var outDir = Path.Combine(Path.GetTempPath(), "expunge-e2e-out", Guid.NewGuid().ToString("N"));

        var (exitCode, output) = await RunCliAsync(stack, "submit", "--doj", file, "--wait", "--out", outDir);

        Assert.True(exitCode == 0, output);
        Assert.Contains("passed every stage", output, StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "summary.json"), TestContext.Current.CancellationToken));
        Assert.Equal(generated.Rows, summary.RootElement.GetProperty("inputRows").GetInt64());
        Assert.Equal(4, summary.RootElement.GetProperty("rejectedRows").GetInt64());
        Assert.Equal(500, summary.RootElement.GetProperty("records").GetInt64());
        Assert.Equal(500, summary.RootElement.GetProperty("people").GetInt64());
        Assert.Equal(500, summary.RootElement.GetProperty("pendingDecision").GetInt64());

        var links = (await File.ReadAllLinesAsync(Path.Combine(outDir, "links.csv"), TestContext.Current.CancellationToken)).Skip(1).ToList();
        Assert.Equal(500, links.Count);
        Assert.Equal(500, links.Select(l => l.Split(',')[2]).Distinct().Count());
        Assert.All(links, l => Assert.StartsWith("doj,", l, StringComparison.Ordinal));

        using var errors = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "errors.json"), TestContext.Current.CancellationToken));
        var fileErrors = errors.RootElement.GetProperty("files")[0];
        Assert.Equal(4, fileErrors.GetProperty("rejected").GetInt64());
        Assert.All(fileErrors.GetProperty("errors").EnumerateArray(), e => Assert.True(e.GetProperty("line").GetInt64() > 1));

        var runId = Guid.Parse(output.Split('\n')[0]["run ".Length..].Trim());
        var stored = await StoredResults.ReadAsync(stack, runId);
        Assert.Equal(1, stored.OperatorEvents);
        Assert.Equal(5, stored.Batches);
        Assert.Equal("matching=5,eligibility=5,motions=5,notifications=1", stored.BatchesAppliedPerStage);
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

        var undisturbedRun = await client.SubmitAsync(file);
        await client.WaitCompleteAsync(undisturbedRun, Patience);
        var undisturbed = await StoredResults.ReadAsync(stack, undisturbedRun);

        var disturbedRun = await client.SubmitAsync(file);
        await KillMidRunAsync(stack, client, victim, disturbedRun);
        await stack.StartAsync(victim);
        await client.WaitCompleteAsync(disturbedRun, Patience);
        var disturbed = await StoredResults.ReadAsync(stack, disturbedRun);

        Assert.Equal(undisturbed, disturbed);
        Assert.Equal(60, disturbed.Batches);
        Assert.Equal("matching=60,eligibility=60,motions=60,notifications=1", disturbed.BatchesAppliedPerStage);
        Assert.Equal(600, disturbed.People);
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

    private static (string File, GeneratedExtract Generated) Generate(int people, int badRows, int seed)
    {
        var file = Path.Combine(Path.GetTempPath(), "expunge-e2e", $"doj-{people}-{seed}-{Guid.NewGuid():N}.dat");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using var writer = new StreamWriter(file, false, new UTF8Encoding(false));
        return (file, new DojExtractGenerator(seed).Write(writer, people, badRows));
    }

    private static async Task<(int ExitCode, string Output)> RunCliAsync(RunningServices stack, params string[] args)
    {
        var cli = Path.Combine(RunningServices.RepositoryRoot, "artifacts", "bin", "Expunge.Cli", "debug", "Expunge.Cli.dll");
        var start = new ProcessStartInfo("dotnet", [cli, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in stack.ClientEnvironment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
