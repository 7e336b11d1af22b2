using System.Text.Json;
using Expunge.Testing;

namespace Expunge.EndToEnd.Tests;

/// <summary>`expunge bench --size S` as CI's smoke test: it runs on the five services and reports every figure (no
/// time is asserted: CI machines differ and the suite has just loaded this one).</summary>
public sealed class BenchTests(Infrastructure infrastructure)
{
    [Fact]
    public async Task The_benchmark_at_size_S_measures_the_pipeline_and_its_baselines_and_writes_every_figure()
    {
        infrastructure.Require();
        await using var stack = await RunningServices.StartAsync(infrastructure, recordsPerBatch: 200);
        var dir = Path.Combine(Path.GetTempPath(), "expunge-e2e", $"bench-{Guid.NewGuid():N}");
        var json = Path.Combine(dir, "s.json");
        var (exitCode, output) = await EndToEndTests.RunCliAsync(stack, "bench", "--size", "S", "--force", "--data", dir, "--json", json,
            "--policy", Path.Combine(RunningServices.RepositoryRoot, "samples", "policies", "la-2020.json"));
        Assert.True(exitCode == 0, output);

        using var figures = JsonDocument.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
        var root = figures.RootElement;
        Assert.InRange(root.GetProperty("rows").GetInt64(), 20_000, 21_000);
        foreach (var key in new[] { "e2e_seconds", "ingest_rows_per_s", "copy_rows_per_s", "pipeline_msgs_per_s", "raw_mq_msgs_per_s", "analyze_seconds" })
        {
            Assert.True(root.GetProperty(key).GetDouble() > 0, $"{key} is {root.GetProperty(key)}");
        }
        Assert.True(root.GetProperty("messages_sent").GetInt64() >= 3 * 20_000 / 200 / 10, "the pipeline's messages were counted on the broker");
        var memory = root.GetProperty("max_rss_mb");
        foreach (var service in RunningServices.Services) Assert.True(memory.GetProperty(service).GetDouble() > 20, $"{service}'s peak memory was read");
        Assert.True(memory.TryGetProperty("rabbitmq", out _) && memory.TryGetProperty("postgres (all backends)", out _), memory.ToString());
    }
}
