using System.CommandLine;
using System.Diagnostics;
using Expunge.Cli.Generation;
using Expunge.Cli.Linkage;
using Expunge.EligibilityRules;
using Expunge.Linkage;

namespace Expunge.Cli.Commands;

/// <summary>
/// <c>expunge linkage-eval</c>: the matcher's accuracy on labelled data. The labels are read only to score the result:
/// the matcher sees the records without their ids' meaning, and its thresholds are fixed in <see cref="PairDecision"/>.
/// </summary>
public static class LinkageEvalCommand
{
    public static Command Create()
    {
        var febrl = new Option<DirectoryInfo?>("--febrl") { Description = "Folder with FEBRL dataset3.csv, dataset4a.csv, dataset4b.csv" };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder for febrl4-links.csv and febrl3-links.csv", Required = true };
        var withoutId = new Option<bool>("--without-id") { Description = "Drop the SSN-like soc_sec_id field (court rows rarely share one)" };
        var generated = new Option<DirectoryInfo?>("--generated") { Description = "Folder written by `expunge generate county` (doj.dat, court.csv, da.csv, truth files)" };
        var incremental = new Option<bool>("--incremental") { Description = "With --generated: also link as the matching service does (batches of 200, the model retrained as records double)" };
        var policy = new Option<FileInfo?>("--policy") { Description = "Policy for deciding the generated county's convictions (default: la-2020, as of 2020-07-01)" };
        var command = new Command("linkage-eval", "Measure person-linkage precision, recall and F1 on the FEBRL benchmark or on a generated county.")
        {
            febrl, generated, policy, outDir, withoutId, incremental,
        };
        command.SetAction((result, _) => CommandRunner.RunAsync(() =>
        {
            var output = result.GetValue(outDir)!;
            output.Create();
            if (result.GetValue(generated) is { } population)
            {
                var chosen = result.GetValue(policy) is { } file ? AnalyzeCommand.LoadPolicy(file, null, null)
                    : PolicyFile.Parse("""{ "policy": "la-2020", "county": "LOS ANGELES", "asOf": "2020-07-01" }""");
                if (!File.Exists(Path.Combine(population.FullName, GeneratedPopulation.TruthRecordsFile)))
                {
                    throw new CliException(ExitCodes.BadInputFile, $"{population.FullName}: no {GeneratedPopulation.TruthRecordsFile} (write the folder with `expunge generate county`).");
                }
                var evaluation = GeneratedPopulationEvaluation.Run(population.FullName, chosen, output.FullName);
                foreach (var line in evaluation.Lines()) Console.WriteLine(line);
                if (result.GetValue(incremental))
                {
                    var service = GeneratedPopulationEvaluation.Run(population.FullName, chosen, output.FullName, incremental: true, prefix: "generated-incremental");
                    Console.WriteLine("as the matching service links (batches of 200, the model retrained as records double):");
                    foreach (var line in service.Lines()) Console.WriteLine("  " + line);
                }
                return Task.FromResult(ExitCodes.Success);
            }
            var folder = result.GetValue(febrl) ?? throw new CliException(ExitCodes.InvalidArguments, "Give --febrl DIR (the FEBRL CSV files) or --generated DIR (a generated county).");
            var scores = EvaluateFebrl(folder, output, !result.GetValue(withoutId));
            foreach (var line in scores) Console.WriteLine(line);
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    public static IReadOnlyList<string> EvaluateFebrl(DirectoryInfo folder, DirectoryInfo output, bool withNationalId)
    {
        var lines = new List<string>();
        var left = Load(folder, "dataset4a.csv", withNationalId);
        var right = Load(folder, "dataset4b.csv", withNationalId);
        var clock = Stopwatch.StartNew();
        var linked = Linker.LinkOneToOne(left, right);
        var seconds = clock.Elapsed.TotalSeconds;
        var truth4 = Febrl.TrueLinkPairs(left, right).ToList();
        lines.Add(Report("FEBRL4", linked, truth4, Path.Combine(output.FullName, "febrl4-links.csv"), seconds));

        var records3 = Load(folder, "dataset3.csv", withNationalId);
        clock.Restart();
        var deduplicated = Linker.Deduplicate(records3);
        seconds = clock.Elapsed.TotalSeconds;
        lines.Add(Report("FEBRL3", deduplicated, Febrl.TrueDuplicatePairs(records3).ToList(), Path.Combine(output.FullName, "febrl3-links.csv"), seconds));
        return lines;
    }

    private static IReadOnlyList<LinkageRecord> Load(DirectoryInfo folder, string name, bool withNationalId)
    {
        var path = Path.Combine(folder.FullName, name);
        if (!File.Exists(path)) throw new CliException(ExitCodes.BadInputFile, $"{path}: file not found (expected the FEBRL benchmark file {name}).");
        using var reader = new StreamReader(path);
        try
        {
            return Febrl.Read(reader, withNationalId);
        }
        catch (InvalidDataException ex)
        {
            throw new CliException(ExitCodes.BadInputFile, $"{path}: {ex.Message}");
        }
    }

    private static string Report(string name, LinkageResult result, IReadOnlyList<(string, string)> truth, string path, double seconds)
    {
        var pairs = result.LinkedPairs().Select(p => (Id: (result.Records[p.A].Id, result.Records[p.B].Id), p.Probability)).ToList();
        using (var writer = new StreamWriter(path))
        {
            writer.WriteLine("id_a,id_b,probability");
            foreach (var (ids, probability) in pairs) writer.WriteLine($"{ids.Item1},{ids.Item2},{probability:0.######}");
        }
        var score = LinkageScore.Of(pairs.Select(p => p.Id), truth);
        var completeness = LinkageScore.Completeness(result.Compared.Select(p => (result.Records[p.A].Id, result.Records[p.B].Id)), truth);
        return $"{name}: {score}; blocking compared {result.Compared.Count:N0} pairs, pair completeness {completeness:P2}; " +
               $"{result.Review.Count:N0} pairs for review; {seconds:F1} s; links in {path}";
    }
}
