using System.CommandLine;
using System.Globalization;
using Expunge.Cli.Analysis;
using Expunge.EligibilityRules;

namespace Expunge.Cli.Commands;

/// <summary><c>expunge analyze</c>: decide every conviction of DOJ extract(s) in-process, without the services.</summary>
public static class AnalyzeCommand
{
    public static Command Create()
    {
        var doj = new Option<string[]>("--doj") { Description = "DOJ bulk extract file(s); repeat or comma-separate", AllowMultipleArgumentsPerToken = true, Required = true };
        var policy = new Option<FileInfo>("--policy") { Description = "Policy file (JSON; see interfaces.md)", Required = true };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Directory for convictions.csv, summary.json, errors.json", Required = true };
        var county = new Option<string?>("--county") { Description = "Run county (overrides the policy file's county)" };
        var asOf = new Option<string?>("--as-of") { Description = "As-of date YYYY-MM-DD (overrides the policy file's asOf)" };
        var command = new Command("analyze", "Parse the extract(s), decide every conviction under the policy and write the results (no services needed).")
        {
            doj, policy, outDir, county, asOf,
        };
        command.SetAction((result, _) => CommandRunner.RunAsync(() =>
        {
            var files = InputFiles.Existing(result.GetValue(doj), "--doj");
            var parsed = LoadPolicy(result.GetValue(policy)!, result.GetValue(county), result.GetValue(asOf));
            return Task.FromResult(OfflineAnalysis.Run(files, parsed, result.GetValue(outDir)!.FullName, Console.Error));
        }));
        return command;
    }

    public static Policy LoadPolicy(FileInfo file, string? county, string? asOf)
    {
        DateOnly? asOfDate = null;
        if (asOf is not null)
        {
            asOfDate = DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d : throw new CliException(ExitCodes.InvalidArguments, $"--as-of must be a date written YYYY-MM-DD (got '{asOf}').");
        }
        if (county is not null && county.Trim().Length == 0)
        {
            throw new CliException(ExitCodes.InvalidArguments, "--county must not be blank.");
        }
        if (!file.Exists)
        {
            throw new CliException(ExitCodes.InvalidArguments, $"Policy file {file.FullName} does not exist.");
        }
        try
        {
            return PolicyFile.Parse(File.ReadAllText(file.FullName), county, asOfDate);
        }
        catch (PolicyException ex)
        {
            throw new CliException(ExitCodes.InvalidArguments, $"Policy file {file.Name}: {ex.Message}.");
        }
    }
}
