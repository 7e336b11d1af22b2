namespace Expunge.Cli.Tests;

public sealed class LinkageCommandTests
{
    private static string Febrl => Path.Combine(AppContext.BaseDirectory, "febrl");

    [Fact]
    public async Task Linkage_eval_on_febrl_writes_the_links_it_makes_and_prints_precision_recall_and_f1()
    {
        var dir = Cli.TempDir();

        var (exit, stdout, stderr) = await Cli.RunAsync("linkage-eval", "--febrl", Febrl, "--out", dir);

        Assert.True(exit == 0, stderr);
        Assert.Matches(@"FEBRL4: precision 1\.0000, recall 0\.99\d\d, F1 0\.99\d\d", stdout);
        Assert.Contains("FEBRL3: precision", stdout, StringComparison.Ordinal);
        var links = await File.ReadAllLinesAsync(Path.Combine(dir, "febrl4-links.csv"), TestContext.Current.CancellationToken);
        Assert.Equal("id_a,id_b,probability", links[0]);
        Assert.InRange(links.Length - 1, 4980, 5000);
        Assert.All(links.Skip(1), l => Assert.Matches(@"^rec-\d+-org,rec-\d+-dup-0,(1|0\.\d+)$", l));
        Assert.True(File.Exists(Path.Combine(dir, "febrl3-links.csv")));
    }

    [Fact]
    public async Task A_generated_county_is_reproducible_and_linkage_eval_finds_every_court_only_conviction()
    {
        var dir = Cli.TempDir();
        var (a, b) = (Path.Combine(dir, "a"), Path.Combine(dir, "b"));

        var (exitA, outA, errA) = await Cli.RunAsync("generate", "county", "--people", "800", "--seed", "9", "--out", a);
        var (exitB, _, errB) = await Cli.RunAsync("generate", "county", "--people", "800", "--seed", "9", "--out", b);
        var (exitEval, eval, errEval) = await Cli.RunAsync("linkage-eval", "--generated", a, "--out", Path.Combine(dir, "eval"), "--incremental");

        Assert.True(exitA == 0 && exitB == 0, errA + errB);
        Assert.Contains("never reported to DOJ", outA, StringComparison.Ordinal);
        foreach (var file in new[] { "doj.dat", "court.csv", "da.csv", "truth-records.csv", "truth-convictions.csv", "truth-reports.csv" })
        {
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(a, file), TestContext.Current.CancellationToken),
                await File.ReadAllTextAsync(Path.Combine(b, file), TestContext.Current.CancellationToken));
        }
        Assert.True(exitEval == 0, errEval);
        var found = System.Text.RegularExpressions.Regex.Match(eval, @"court-only ([\d,]*\d), found and decided ([\d,]*\d)");
        Assert.True(found.Success, eval);
        Assert.Equal(found.Groups[1].Value, found.Groups[2].Value);
        Assert.Contains("LA cannabis convictions decided more than once: 0", eval, StringComparison.Ordinal);
        Assert.Contains("LA cannabis convictions not found: 0", eval, StringComparison.Ordinal);
        Assert.Contains("rows rejected: 0", eval, StringComparison.Ordinal);
        Assert.Matches(@"predicted people that mix two or more real people: \d+", eval);
        Assert.True(File.Exists(Path.Combine(dir, "eval", "generated-incremental-examples.txt")));
        Assert.Contains("as the matching service links", eval, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Linkage_eval_without_a_data_set_says_what_to_give()
    {
        var (exit, _, stderr) = await Cli.RunAsync("linkage-eval", "--out", Cli.TempDir());
        Assert.Equal(3, exit);
        Assert.Contains("--febrl DIR", stderr, StringComparison.Ordinal);
    }
}
