using System.Text;
using Expunge.Doj;
using Expunge.Testing;

namespace Expunge.EndToEnd.Tests;

/// <summary>Traces, metrics and logs over OTLP to a collector, as a county's observability stack would receive them.</summary>
public sealed class TelemetryTests(Infrastructure infrastructure)
{
    [Fact]
    public async Task One_trace_follows_a_run_from_its_upload_through_all_five_services_and_metrics_and_logs_are_exported()
    {
        infrastructure.Require();
        await using var collector = await OtlpReceiver.StartAsync();
        await using var stack = await RunningServices.StartAsync(infrastructure, recordsPerBatch: 100, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            // Export within a second rather than the production five (spans) and sixty (metrics).
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
            ["Logging__LogLevel__Default"] = "Information",
        });
        var (file, _) = EndToEndTests.Generate(people: 150, badRows: 0, seed: 19);
        var policy = Path.Combine(RunningServices.RepositoryRoot, "samples", "policies", "la-2020.json");
        var (exitCode, output) = await EndToEndTests.RunCliAsync(stack, "submit", "--doj", file, "--policy", policy, "--wait");
        Assert.True(exitCode == 0, output);
        var traceId = output.Split('\n').Single(l => l.StartsWith("trace ", StringComparison.Ordinal)).Split(' ')[1];

        string[] services = ["expunge-ingestion", "expunge-matching", "expunge-eligibility", "expunge-motions", "expunge-notifications"];
        // Work, not requests: spans of consumers, workers and the outbox (HTTP server spans are named "VERB route").
        static bool IsWork(OtlpReceiver.Span s) => !System.Text.RegularExpressions.Regex.IsMatch(s.Name, "^(GET|POST|PUT|DELETE) ");
        var seen = await Eventually.ReturnsAsync(
            () => Task.FromResult(collector.Spans.Where(s => s.TraceId == traceId && IsWork(s)).Select(s => s.Service).Distinct().ToHashSet()),
            s => services.All(s.Contains), TimeSpan.FromSeconds(30), "work spans of the submission's trace in all five services");
        Assert.Superset(services.ToHashSet(), seen);

        // The trace is one tree: every span but the CLI's own (never exported) has its parent in the trace. A span is
        // exported when it ends and a parent ends after its children, so the last parents may arrive a batch later.
        List<string> ParentsOutsideTrace()
        {
            var spans = collector.Spans.Where(s => s.TraceId == traceId).ToList();
            var ids = spans.Select(s => s.SpanId).ToHashSet();
            return [.. spans.Where(s => !ids.Contains(s.ParentSpanId)).Select(s => s.ParentSpanId).Distinct()];
        }
        var roots = await Eventually.ReturnsAsync(() => Task.FromResult(ParentsOutsideTrace()), r => r.Count == 1, TimeSpan.FromSeconds(15),
            "the trace's spans forming one tree under the CLI's span");
        Assert.True(roots.Count == 1, $"spans hang from {roots.Count} parents outside the trace: {string.Join(", ", roots)}");

        await Eventually.ReturnsAsync(() => Task.FromResult(collector.RequestsByPath.Keys.ToHashSet()),
            k => k.Contains("metrics") && k.Contains("logs"), TimeSpan.FromSeconds(15), "metrics and logs over OTLP");

        // Criminal-history data stays in the databases: no name, CII number or date of birth of anyone in the extract
        // appears in any trace, metric or log exported, or in any service's own log.
        var planted = PlantedPersonalData.Of(file);
        Assert.True(planted.Count > 300, $"{planted.Count} values to look for");
        foreach (var (signal, body) in collector.Requests)
        {
            var leaked = planted.FirstOrDefault(value => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0);
            Assert.True(leaked is null, $"'{leaked}' from the extract was exported in {signal}");
        }
        foreach (var service in services.Select(s => s["expunge-".Length..]))
        {
            var log = await File.ReadAllTextAsync(stack.LogOf(service), TestContext.Current.CancellationToken);
            var leaked = planted.FirstOrDefault(value => log.Contains(value, StringComparison.Ordinal));
            Assert.True(leaked is null, $"'{leaked}' from the extract was written to the {service} log");
        }
    }
}
