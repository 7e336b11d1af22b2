namespace Expunge.Cli.Commands;

public static class CommandRunner
{
    /// <summary>Turns a failure into one clear sentence on stderr and the exit code the interface promises.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> command)
    {
        try
        {
            return await command();
        }
        catch (CliException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ex.ExitCode;
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.BadInputFile;
        }
    }
}
