namespace Expunge.Cli.Commands;

/// <summary>Exit codes every command uses (interfaces.md, "Command-line tool").</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInputFile = 2;
    public const int InvalidArguments = 3;
    public const int ServicesUnreachable = 4;
}

/// <summary>A failure the user can act on: one sentence on stderr and a specific exit code.</summary>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
