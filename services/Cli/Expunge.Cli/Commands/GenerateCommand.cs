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
        var badRows = new Option<int>("--bad-rows") { Description = "Malformed rows to plant (wrong field counts, impossible dates)", DefaultValueFactory = _ => 0 };
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
        return new Command("generate", "Synthetic, seeded test data.") { doj };
    }
}
