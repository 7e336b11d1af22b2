namespace Expunge.Cli.Commands;

/// <summary>The extract files a command was given: repeated or comma-separated, every one of them present.</summary>
public static class InputFiles
{
    public static List<string> Existing(IEnumerable<string>? values, string option, bool required = true)
    {
        var files = (values ?? [])
            .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(Path.GetFullPath)
            .ToList();
        if (files.Count == 0 && required)
        {
            throw new CliException(ExitCodes.InvalidArguments, $"Nothing to read: give at least one {option} FILE.");
        }
        if (files.FirstOrDefault(f => !File.Exists(f)) is { } missing)
        {
            throw new CliException(ExitCodes.BadInputFile, $"Input file {missing} does not exist.");
        }
        return files;
    }
}
