using System.Diagnostics;

namespace Expunge.Cli.Tests;

internal static class Cli
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "Expunge.Cli.dll");

    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Dll, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "expunge-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static string Write(string dir, string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    public static string Header => string.Join(',', Doj.DojColumns.Names) + ",";

    public static string Row(string subject, string charge = "11359 HS", string date = "20100101", string level = "FELONY")
    {
        var f = Enumerable.Repeat("", Doj.DojColumns.Count).ToArray();
        f[2] = subject;
        f[12] = "\"DOE,JANE\"";
        f[14] = "19800101";
        f[40] = date;
        f[42] = "COURT ACTION";
        f[48] = "LOS ANGELES";
        f[50] = "001002001000";
        f[54] = charge;
        f[80] = "CONVICTED-JAIL";
        f[82] = level;
        return string.Join(',', f);
    }

    public const string LaPolicy = """{ "policy": "la-2020", "county": "LOS ANGELES", "asOf": "2020-07-01" }""";
}
