using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Expunge.Cli.Commands;
using Expunge.Doj;
using Expunge.EligibilityRules;

namespace Expunge.Cli.Analysis;

/// <summary>
/// `expunge analyze`: the whole job in one process, no services: read the extract(s), decide every conviction,
/// write convictions.csv, summary.json and errors.json. What a DA's analyst runs first to see a policy's impact.
/// </summary>
public static class OfflineAnalysis
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static int Run(IReadOnlyList<string> files, Policy policy, string outDir, TextWriter progress)
    {
        var clock = Stopwatch.StartNew();
        var collector = new ExtractCollector();
        foreach (var file in files)
        {
            var report = collector.StartFile(file);
            using (var stream = OpenInput(file))
            {
                using var meter = new ProgressStream(stream, progress, file);
                DojExtractReader.Scan(meter, collector);
            }
            CheckReadable(report);
        }

        var readSeconds = clock.Elapsed.TotalSeconds;
        // Deciding is pure and per person: both cores share it; only the totals are added up in one thread.
        var decided = collector.Subjects.AsParallel()
            .Select(builder => builder.Build())
            .Select(sheet =>
            {
                var forSheet = EligibilityEngine.Decide(sheet, policy);
                return (Decisions: forSheet, Impact: ImpactSummary.Of(sheet, forSheet, policy));
            })
            .ToList();
        var impact = new ImpactSummary();
        var decisions = new List<Decision>(decided.Sum(d => d.Decisions.Count));
        foreach (var (forSheet, personImpact) in decided)
        {
            impact.Add(personImpact);
            decisions.AddRange(forSheet);
        }
        decisions.Sort(ConvictionRows.Compare);
        var decideSeconds = clock.Elapsed.TotalSeconds - readSeconds;

        Directory.CreateDirectory(outDir);
        WriteConvictions(Path.Combine(outDir, "convictions.csv"), decisions);
        var summary = RunSummary.Create(policy, collector.Rows, collector.Rejected, collector.SubjectCount,
            [.. decisions.Select(d => new SummaryRow(d.Person.SubjectId, d.Determination, d.Offense.Section, d.ReasonCode))],
            impact.Policy, impact.DismissAllProp64, clock.Elapsed.TotalSeconds);
        File.WriteAllText(Path.Combine(outDir, "summary.json"), JsonSerializer.Serialize(summary, Indented));
        File.WriteAllText(Path.Combine(outDir, "errors.json"), JsonSerializer.Serialize(ErrorsFile(collector.Files), Indented));
        progress.WriteLine($"{collector.Rows:N0} rows ({collector.Rejected:N0} rejected, {collector.Files.Sum(f => f.Warnings):N0} with a value read as unknown), {collector.SubjectCount:N0} people, " +
                           $"{decisions.Count:N0} convictions decided in {clock.Elapsed.TotalSeconds:F1} s " +
                           $"(read {readSeconds:F1} s, decide {decideSeconds:F1} s, write {clock.Elapsed.TotalSeconds - readSeconds - decideSeconds:F1} s); results in {outDir}");
        return ExitCodes.Success;
    }

    private static FileStream OpenInput(string file)
    {
        try
        {
            return new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.BadInputFile, $"Input file {file} cannot be read: {ex.Message}");
        }
    }

    /// <summary>A file with no readable row is not a DOJ extract (or is empty): the analysis would be meaningless.</summary>
    private static void CheckReadable(FileReport report)
    {
        if (report.Rows == 0)
        {
            throw new CliException(ExitCodes.BadInputFile, $"Input file {report.File} has no data rows (it is empty or holds only a header).");
        }
        if (report.Rejected == report.Rows)
        {
            var first = report.Errors[0];
            throw new CliException(ExitCodes.BadInputFile,
                $"Input file {report.File} is not a DOJ extract: none of its {report.Rows:N0} rows could be read (line {first.Line}: {first.Message}).");
        }
    }

    private static void WriteConvictions(string path, List<Decision> decisions)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.NewLine = "\n";
        writer.WriteLine(ConvictionRows.ToCsvLine(ConvictionRows.Header));
        foreach (var decision in decisions)
        {
            writer.WriteLine(ConvictionRows.ToCsvLine(ConvictionRows.Row(decision)));
        }
    }

    /// <summary>One listed problem: a rejected row (<c>error</c>) or a value read as unknown (<c>warning</c>).</summary>
    private static Dictionary<string, object> Entry(RowError e, string severity) =>
        new() { ["line"] = e.Line, ["code"] = e.Code, ["message"] = e.Message, ["severity"] = severity };

    private static Dictionary<string, object> ErrorsFile(IEnumerable<FileReport> files) => new Dictionary<string, object>
    {
        ["files"] = files.Select(f => new Dictionary<string, object>
        {
            ["file"] = f.File,
            ["rows"] = f.Rows,
            ["rejected"] = f.Rejected,
            ["warnings"] = f.Warnings,
            ["errors"] = f.Errors.Select(e => Entry(e, "error")).Concat(f.WarningList.Select(w => Entry(w, "warning")))
                .OrderBy(e => (long)e["line"]).Take(FileReport.ListedErrorLimit),
        }),
    };
}
