namespace Expunge.Fuzz.Tests;

/// <summary>How long each fuzz property runs: bounded in CI (EXPUNGE_FUZZ_SECONDS, default 10 s), longer on demand. A
/// failure prints the CsCheck seed that reproduces it (set CsCheck_Seed to replay it).</summary>
public static class Fuzzing
{
    public static int Seconds { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("EXPUNGE_FUZZ_SECONDS"), out var seconds) && seconds > 0 ? seconds : 10;
}
