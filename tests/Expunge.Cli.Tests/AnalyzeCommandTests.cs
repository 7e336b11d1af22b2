using System.Text.Json;

namespace Expunge.Cli.Tests;

public sealed class AnalyzeCommandTests
{
    [Fact]
    public async Task Analyze_writes_convictions_summary_and_errors_and_exits_0_with_row_errors()
    {
        var dir = Cli.TempDir();
        var extract = Cli.Write(dir, "x.dat", string.Join("\n", Cli.Header, Cli.Row("1"), "1,2,3", Cli.Row("2", "11357(A) HS")) + "\n");
        var policy = Cli.Write(dir, "p.json", Cli.LaPolicy);
        var outDir = Path.Combine(dir, "out");

        var (exit, _, stderr) = await Cli.RunAsync("analyze", "--doj", extract, "--policy", policy, "--out", outDir);

        Assert.True(exit == 0, stderr);
        var csv = await File.ReadAllLinesAsync(Path.Combine(outDir, "convictions.csv"), TestContext.Current.CancellationToken);
        Assert.Equal(3, csv.Length);
        Assert.StartsWith("subject_id,cnt_order,cii_number,name,dob,case_number,county,code_section", csv[0], StringComparison.Ordinal);
        Assert.Contains("Eligible for Dismissal,SUBSECTION_11357_AB", csv[2], StringComparison.Ordinal);
        using var errors = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "errors.json"), TestContext.Current.CancellationToken));
        var file = errors.RootElement.GetProperty("files")[0];
        Assert.Equal((3, 1), (file.GetProperty("rows").GetInt32(), file.GetProperty("rejected").GetInt32()));
        Assert.Equal(3, file.GetProperty("errors")[0].GetProperty("line").GetInt32());
        Assert.Equal("FIELD_COUNT", file.GetProperty("errors")[0].GetProperty("code").GetString());
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "summary.json"), TestContext.Current.CancellationToken));
        Assert.Equal(2, summary.RootElement.GetProperty("convictions_in_scope").GetInt32());
        Assert.Equal(2, summary.RootElement.GetProperty("impact").GetProperty("dismiss_all_prop64").GetProperty("no_conviction_left").GetInt32());
    }

    /// <summary>The reference tool's generated extract writes <c>  -  </c> in every field it does not set (issue 19): a
    /// generated extract with that filler in every blank or NULL field and in the requester's fields (REQ_DOB and the
    /// rest, which no decision uses) is read without a rejection and decided exactly as the plain one.</summary>
    [Fact]
    public async Task Filler_in_every_field_the_extract_does_not_set_changes_no_decision()
    {
        var dir = Cli.TempDir();
        var plain = Path.Combine(dir, "plain.dat");
        var (generated, _, generateErrors) = await Cli.RunAsync("generate", "doj", "--people", "400", "--seed", "19", "--out", plain);
        Assert.True(generated == 0, generateErrors);
        var lines = await File.ReadAllLinesAsync(plain, TestContext.Current.CancellationToken);
        var requester = Doj.DojColumns.Names.Select((name, i) => (name, i)).Where(c => c.name.StartsWith("REQ_", StringComparison.Ordinal)).Select(c => c.i).ToHashSet();
        var filled = lines.Skip(1).Select(line => string.Join(',', SplitQuoted(line).Select((value, i) =>
            value is "" or "NULL" || (requester.Contains(i) && value != "#") ? "  -  " : value)));
        var filler = Cli.Write(dir, "filler.dat", string.Join("\n", [lines[0], .. filled]) + "\n");
        Assert.Contains(",  -  ,", await File.ReadAllTextAsync(filler, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var policy = Cli.Write(dir, "p.json", Cli.LaPolicy);

        foreach (var (extract, outDir) in new[] { (plain, "plain-out"), (filler, "filler-out") })
        {
            var (exit, _, stderr) = await Cli.RunAsync("analyze", "--doj", extract, "--policy", policy, "--out", Path.Combine(dir, outDir));
            Assert.True(exit == 0, stderr);
        }
        using var errors = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "filler-out", "errors.json"), TestContext.Current.CancellationToken));
        Assert.Equal(0, errors.RootElement.GetProperty("files")[0].GetProperty("rejected").GetInt32());
        var decided = await File.ReadAllTextAsync(Path.Combine(dir, "plain-out", "convictions.csv"), TestContext.Current.CancellationToken);
        Assert.True(decided.Split('\n').Length > 100, "the generated extract decides convictions");
        Assert.Equal(decided, await File.ReadAllTextAsync(Path.Combine(dir, "filler-out", "convictions.csv"), TestContext.Current.CancellationToken));
    }

    /// <summary>A line's fields, commas inside quotes kept (quoted fields keep their quotes, to be written back as read).</summary>
    private static List<string> SplitQuoted(string line)
    {
        var fields = new List<string>();
        var (start, quoted) = (0, false);
        for (var i = 0; i <= line.Length; i++)
        {
            if (i < line.Length && line[i] == '"') quoted = !quoted;
            if (i == line.Length || (line[i] == ',' && !quoted))
            {
                fields.Add(line[start..i]);
                start = i + 1;
            }
        }
        return fields;
    }

    [Theory]
    [InlineData("wrong field count on every row", "a,b,c\nd,e,f\n", "is not a DOJ extract: none of its 2 rows could be read (line 1: row has 3 fields; expected 95)")]
    [InlineData("binary garbage", "\u0000\u0001\u0002\u0003\n\u0000\u00ff\n", "is not a DOJ extract")]
    [InlineData("empty file", "", "has no data rows (it is empty or holds only a header)")]
    [InlineData("header only", "HEADER", "has no data rows (it is empty or holds only a header)")]
    public async Task An_extract_that_is_not_one_exits_2_naming_the_file(string what, string content, string message)
    {
        var dir = Cli.TempDir();
        var extract = Cli.Write(dir, "bad.dat", content == "HEADER" ? Cli.Header + "\n" : content);
        var policy = Cli.Write(dir, "p.json", Cli.LaPolicy);

        var (exit, _, stderr) = await Cli.RunAsync("analyze", "--doj", extract, "--policy", policy, "--out", Path.Combine(dir, "out"));

        Assert.True(exit == 2, $"{what}: exit {exit}, {stderr}");
        Assert.Contains($"Input file {extract} ", stderr, StringComparison.Ordinal);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_extract_exits_2()
    {
        var dir = Cli.TempDir();
        var (exit, _, stderr) = await Cli.RunAsync("analyze", "--doj", Path.Combine(dir, "nope.dat"), "--policy", Cli.Write(dir, "p.json", Cli.LaPolicy), "--out", dir);

        Assert.Equal(2, exit);
        Assert.Contains("nope.dat does not exist", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "policy": "la-2020", "asOf": "2020-07-01", "agethreshold": 50 }""", "unknown key 'agethreshold'")]
    [InlineData("""{ "policy": "la-2020", "asOf": "2020-07-01", "ageThreshold": 70 }""", "ageThreshold must be between 40 and 65 (got 70)")]
    [InlineData("""{ "policy": "configurable", "county": "X", "asOf": "2020-07-01", "dismiss": ["11357"], "reduce": ["11357(b)"] }""", "dismiss has '11357' and reduce has '11357(b)'")]
    public async Task An_invalid_policy_exits_3_naming_the_key(string json, string message)
    {
        var dir = Cli.TempDir();
        var extract = Cli.Write(dir, "x.dat", Cli.Row("1") + "\n");

        var (exit, _, stderr) = await Cli.RunAsync("analyze", "--doj", extract, "--policy", Cli.Write(dir, "p.json", json), "--out", dir);

        Assert.Equal(3, exit);
        Assert.StartsWith("Policy file p.json: ", stderr, StringComparison.Ordinal);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task County_and_as_of_on_the_command_line_override_the_policy_file()
    {
        var dir = Cli.TempDir();
        var extract = Cli.Write(dir, "x.dat", Cli.Row("1") + "\n");
        var outDir = Path.Combine(dir, "out");

        var (exit, _, stderr) = await Cli.RunAsync("analyze", "--doj", extract, "--policy", Cli.Write(dir, "p.json", Cli.LaPolicy), "--out", outDir,
            "--county", "orange", "--as-of", "2021-01-01");

        Assert.True(exit == 0, stderr);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "summary.json"), TestContext.Current.CancellationToken));
        Assert.Equal(("ORANGE", "2021-01-01", 0), (summary.RootElement.GetProperty("county").GetString(), summary.RootElement.GetProperty("as_of").GetString(),
            summary.RootElement.GetProperty("convictions_in_scope").GetInt32()));
        var (badExit, _, badErr) = await Cli.RunAsync("analyze", "--doj", extract, "--policy", Path.Combine(dir, "p.json"), "--out", outDir, "--as-of", "01/01/2021");
        Assert.Equal(3, badExit);
        Assert.Contains("--as-of must be a date written YYYY-MM-DD", badErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_command_has_help()
    {
        foreach (var command in new[] { "analyze", "submit", "status", "generate", "policy" })
        {
            var (exit, stdout, _) = await Cli.RunAsync(command, "--help");
            Assert.Equal(0, exit);
            Assert.Contains("Usage:", stdout, StringComparison.Ordinal);
        }
    }
}
