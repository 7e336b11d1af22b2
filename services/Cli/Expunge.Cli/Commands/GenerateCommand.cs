using System.CommandLine;
using System.Text;
using Expunge.Cli.Generation;

namespace Expunge.Cli.Commands;

/// <summary><c>expunge generate doj</c>: a seeded synthetic DOJ extract for demos, tests and benchmarks.</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var people = new Option<int>("--people") { Description = "How many DOJ subjects (rap sheets)", DefaultValueFactory = _ => 200 };
        var rows = new Option<long?>("--rows") { Description = "Write people until the file has this many rows (instead of --people)" };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed writes the same file", DefaultValueFactory = _ => 64 };
        var badRows = new Option<int>("--bad-rows") { Description = "Malformed rows to plant (wrong field counts, no SUBJECT_ID)", DefaultValueFactory = _ => 0 };
        var output = new Option<FileInfo>("--out") { Description = "File to write", Required = true };
        var doj = new Command("doj", "Write a synthetic DOJ bulk extract (95 fields, header, quoted names, partial dates).") { people, rows, seed, badRows, output };
        doj.SetAction((result, ct) => CommandRunner.RunAsync(async () =>
        {
            if (result.GetValue(people) < 1)
            {
                throw new CliException(ExitCodes.InvalidArguments, "--people must be at least 1.");
            }
            var file = result.GetValue(output)!;
            file.Directory?.Create();
            await using var writer = new StreamWriter(file.FullName, false, new UTF8Encoding(false), 1 << 16);
            var generator = new DojExtractGenerator(result.GetValue(seed));
            var generated = result.GetValue(rows) is { } rowCount
                ? generator.WriteRows(writer, rowCount, result.GetValue(badRows))
                : generator.Write(writer, result.GetValue(people), result.GetValue(badRows));
            Console.WriteLine($"{file.FullName}: {generated.People:N0} people, {generated.Rows:N0} rows ({generated.ConvictionRows:N0} conviction rows, {generated.BadRows} malformed)");
            return ExitCodes.Success;
        }));
        return new Command("generate", "Synthetic, seeded test data.") { doj, County() };
    }

    /// <summary><c>expunge generate county</c>: the three sources of one synthetic county, with the truth.</summary>
    private static Command County()
    {
        var people = new Option<int>("--people") { Description = "How many people the county has records of", DefaultValueFactory = _ => 2_000 };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed writes the same files", DefaultValueFactory = _ => 64 };
        var courtOnly = new Option<double>("--court-only-share") { Description = "Share of Los Angeles cases DOJ never received (0–1)", DefaultValueFactory = _ => 0.12 };
        var daShare = new Option<double>("--da-share") { Description = "Share of Los Angeles cases in the DA export (0–1)", DefaultValueFactory = _ => 0.7 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for doj.dat, court.csv, da.csv and the truth files", Required = true };
        var command = new Command("county", "Write a county population as a DOJ extract, a court export and a DA export, plus truth-records.csv " +
            "(who every record is) and truth-convictions.csv (where each conviction was reported).") { people, seed, courtOnly, daShare, output };
        command.SetAction((result, ct) => CommandRunner.RunAsync(() =>
        {
            var (count, share, da) = (result.GetValue(people), result.GetValue(courtOnly), result.GetValue(daShare));
            if (count < 1) throw new CliException(ExitCodes.InvalidArguments, "--people must be at least 1.");
            if (share is < 0 or > 1 || da is < 0 or > 1) throw new CliException(ExitCodes.InvalidArguments, "--court-only-share and --da-share are shares from 0 to 1.");
            var generated = new CountyPopulationGenerator(new PopulationOptions(count, result.GetValue(seed), share, da)).Write(result.GetValue(output)!.FullName);
            Console.WriteLine($"{generated.Directory}: {generated.People:N0} people; DOJ {generated.DojSubjects:N0} subjects in {generated.DojRows:N0} rows; " +
                              $"court {generated.CourtRows:N0} rows; DA {generated.DaRows:N0} rows; {generated.LaConvictions:N0} Los Angeles convictions, " +
                              $"{generated.CourtOnlyConvictions:N0} of them never reported to DOJ ({generated.CourtOnlyCannabisConvictions:N0} cannabis)");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
