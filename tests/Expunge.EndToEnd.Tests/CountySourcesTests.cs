using System.Net.Http.Json;
using System.Text.Json;
using Expunge.Cli.Generation;
using Expunge.Testing;

namespace Expunge.EndToEnd.Tests;

/// <summary>A county's three sources (DOJ extract, court export, DA export) through all five services.</summary>
public sealed class CountySourcesTests(Infrastructure infrastructure)
{
    [Fact]
    public async Task Every_conviction_only_the_court_has_is_found_decided_and_counted_once_and_people_are_linked_across_sources()
    {
        infrastructure.Require();
        await using var stack = await RunningServices.StartAsync(infrastructure, recordsPerBatch: 100);
        var dir = Path.Combine(Path.GetTempPath(), "expunge-e2e", $"county-{Guid.NewGuid():N}");
        var generated = new CountyPopulationGenerator(new PopulationOptions(People: 1200, Seed: 5)).Write(dir);
        var policy = Path.Combine(RunningServices.RepositoryRoot, "samples", "policies", "la-2020.json");
        var output = Path.Combine(dir, "out");

        var (exitCode, log) = await EndToEndTests.RunCliAsync(stack, "submit", "--doj", Path.Combine(dir, GeneratedPopulation.DojFile),
            "--court", Path.Combine(dir, GeneratedPopulation.CourtFile), "--da", Path.Combine(dir, GeneratedPopulation.DaFile),
            "--policy", policy, "--wait", "--out", output);

        Assert.True(exitCode == 0, log);
        var rows = EndToEndTests.ReadCsv(Path.Combine(output, "convictions.csv"));
        var header = rows[0];
        int Column(string name) => header.IndexOf(name);
        var convictions = rows.Skip(1).ToList();

        // Truth: Los Angeles cannabis convictions DOJ never had.
        var truth = File.ReadLines(Path.Combine(dir, GeneratedPopulation.TruthConvictionsFile)).Skip(1).Select(l => l.Split(',')).ToList();
        var courtOnly = truth.Where(t => t[5] == "y" && t[6] == "y" && t[7] == "n" && t[8] == "y").Select(t => $"court:{t[1]}:{t[1]}#{t[2]}").ToList();
        Assert.True(courtOnly.Count > 50, $"only {courtOnly.Count} court-only convictions generated: the test would prove little");
        var references = convictions.SelectMany(r => r[Column("source_references")].Split(';', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.All(courtOnly, c => Assert.Contains(c, references));
        // Counted once: no report (a DOJ count, a court row) stands behind two decided convictions.
        Assert.Equal(references.Count, references.Distinct().Count());
        Assert.Contains(convictions, r => r[Column("sources")] == "doj;court;da");
        Assert.Contains("only in county records", log, StringComparison.Ordinal);

        // Linkage against the truth: every source record is linked, pairs of records mostly right.
        var links = File.ReadLines(Path.Combine(output, "links.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var truthRecords = File.ReadLines(Path.Combine(dir, GeneratedPopulation.TruthRecordsFile)).Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => (f[0], f[2]), f => f[3]);
        Assert.Equal(truthRecords.Count, links.Count);
        var personOf = links.ToDictionary(l => (l[0], l[1]), l => l[2]);
        var (truePairs, foundPairs, correct) = PairCounts(truthRecords, personOf);
        Assert.True(correct >= 0.99 * truePairs && correct >= 0.995 * foundPairs,
            $"links: {correct} right of {foundPairs} linked pairs, {truePairs} true pairs");

        // The linkage review queue is served with its evidence.
        using var http = stack.Client("matching");
        var queue = await http.GetFromJsonAsync<JsonElement>("api/v1/linkage/review?status=open", TestContext.Current.CancellationToken);
        Assert.Equal(JsonValueKind.Array, queue.ValueKind);
        _ = generated;
    }

    /// <summary>Pairwise: same-person pairs in the truth, pairs the system put in one person, and how many of those are true.</summary>
    private static (long True, long Found, long Correct) PairCounts(Dictionary<(string, string), string> truth, Dictionary<(string, string), string> found)
    {
        static long Pairs(IEnumerable<int> sizes) => sizes.Sum(n => (long)n * (n - 1) / 2);
        var truePairs = Pairs(truth.GroupBy(t => t.Value).Select(g => g.Count()));
        var foundPairs = Pairs(found.GroupBy(f => f.Value).Select(g => g.Count()));
        var correct = Pairs(found.GroupBy(f => (f.Value, truth[f.Key])).Select(g => g.Count()));
        return (truePairs, foundPairs, correct);
    }
}
