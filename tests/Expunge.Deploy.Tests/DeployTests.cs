using System.Diagnostics;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Expunge.Deploy.Tests;

public sealed class DeployTests
{
    private static readonly string Root = FindRoot();
    private static readonly string Deploy = Path.Combine(Root, "deploy");
    private static readonly string[] Services = ["ingestion", "matching", "eligibility", "motions", "notifications", "console"];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Expunge.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Expunge.sln not found above the test binaries.");
    }

    private static async Task<(int ExitCode, string Output)> PromtoolAsync(params string[] args)
    {
        var start = new ProcessStartInfo("promtool", args)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(Deploy, "prometheus"),
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("promtool is missing: ./expunge test installs it (Debian package prometheus).");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            return (process.ExitCode, await output + await error);
        }
    }

    [Theory]
    [InlineData("prometheus.yml")]
    [InlineData("prometheus-k8s.yml")]
    [InlineData("prometheus-compose.yml")]
    public async Task The_scrape_configuration_and_its_rules_pass_promtool(string file)
    {
        var (exitCode, output) = await PromtoolAsync("check", "config", file);
        Assert.True(exitCode == 0, output);
        foreach (var service in Services) Assert.Contains($"expunge-{service}", await File.ReadAllTextAsync(Path.Combine(Deploy, "prometheus", file), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_alert_fires_when_its_unit_test_says_and_not_before()
    {
        var (exitCode, output) = await PromtoolAsync("test", "rules", "rules/expunge.rules.test.yml");
        Assert.True(exitCode == 0, output);
        var rules = await File.ReadAllTextAsync(Path.Combine(Deploy, "prometheus", "rules", "expunge.rules.yml"), TestContext.Current.CancellationToken);
        var tests = await File.ReadAllTextAsync(Path.Combine(Deploy, "prometheus", "rules", "expunge.rules.test.yml"), TestContext.Current.CancellationToken);
        // Every alert has a test that expects it to fire.
        foreach (var alert in System.Text.RegularExpressions.Regex.Matches(rules, @"alert: (\w+)").Select(m => m.Groups[1].Value))
        {
            Assert.Contains($"alertname: {alert}\n        exp_alerts:\n          - ", tests, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_dashboard_query_is_valid_promql_on_the_provisioned_datasource()
    {
        var datasources = await File.ReadAllTextAsync(Path.Combine(Deploy, "grafana", "provisioning", "datasources", "prometheus.yml"), TestContext.Current.CancellationToken);
        var uid = System.Text.RegularExpressions.Regex.Match(datasources, @"uid: (\S+)").Groups[1].Value;
        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Deploy, "grafana", "dashboards", "expunge-pipeline.json"), TestContext.Current.CancellationToken));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().ToList();
        Assert.True(panels.Count >= 8, "the pipeline dashboard has its panels");
        var queries = new List<string>();
        foreach (var panel in panels)
        {
            Assert.Equal(uid, panel.GetProperty("datasource").GetProperty("uid").GetString());
            queries.AddRange(panel.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!));
        }
        // promtool parses PromQL only inside rule files: each query becomes a recording rule.
        var file = Path.Combine(Path.GetTempPath(), $"dashboard-queries-{Guid.NewGuid():N}.yml");
        await File.WriteAllLinesAsync(file, ["groups:", "  - name: dashboard", "    rules:",
            .. queries.SelectMany((q, i) => new[] { $"      - record: dashboard:query_{i}", $"        expr: {JsonSerializer.Serialize(q)}" })], TestContext.Current.CancellationToken);
        var (exitCode, output) = await PromtoolAsync("check", "rules", file);
        Assert.True(exitCode == 0, output);
        Assert.Contains($"SUCCESS: {queries.Count} rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_service_runs_in_kubernetes_with_probes_limits_its_configuration_and_a_service_address()
    {
        var documents = new List<YamlMappingNode>();
        foreach (var file in Directory.GetFiles(Path.Combine(Deploy, "k8s"), "*.yaml"))
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(file);
            stream.Load(reader);
            documents.AddRange(stream.Documents.Select(d => (YamlMappingNode)d.RootNode));
        }
        static string Scalar(YamlNode node, params string[] path) =>
            path.Aggregate(node, (n, key) => ((YamlMappingNode)n)[key]) is YamlScalarNode s ? s.Value! : throw new InvalidOperationException(string.Join('.', path));
        var kustomization = documents.Single(d => Scalar(d, "kind") == "Kustomization");
        var listed = ((YamlSequenceNode)kustomization["resources"]).Children.Select(c => ((YamlScalarNode)c).Value).ToList();
        foreach (var service in Services)
        {
            Assert.Contains($"{service}.yaml", listed);
            var deployment = documents.Single(d => Scalar(d, "kind") == "Deployment" && Scalar(d, "metadata", "name") == service);
            var container = (YamlMappingNode)((YamlSequenceNode)deployment["spec"]["template"]["spec"]["containers"]).Children.Single();
            Assert.Equal("/health/ready", Scalar(container, "readinessProbe", "httpGet", "path"));
            Assert.Equal("/health/live", Scalar(container, "livenessProbe", "httpGet", "path"));
            Assert.NotEmpty(Scalar(container, "resources", "limits", "memory"));
            Assert.NotEmpty(Scalar(container, "resources", "limits", "cpu"));
            var sources = ((YamlSequenceNode)container["envFrom"]).Children.Select(c => c.ToString()).ToList();
            Assert.Contains(sources, s => s.Contains("expunge-config", StringComparison.Ordinal));
            Assert.Contains(sources, s => s.Contains("expunge-secrets", StringComparison.Ordinal));
            Assert.Equal("true", Scalar(deployment, "spec", "template", "metadata", "annotations", "prometheus.io/scrape"));
            Assert.Single(documents, d => Scalar(d, "kind") == "Service" && Scalar(d, "metadata", "name") == service);
        }
        // Every database a service reads is in the example secret, one role each.
        var secret = documents.Single(d => Scalar(d, "kind") == "Secret");
        foreach (var service in Services.Where(s => s != "console")) Assert.Contains($"Username=expunge_{service}", Scalar(secret, "stringData", $"EXPUNGE_DB_{service.ToUpperInvariant()}"), StringComparison.Ordinal);
    }
}
