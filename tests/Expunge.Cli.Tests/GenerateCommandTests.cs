namespace Expunge.Cli.Tests;

public sealed class GenerateCommandTests
{
    [Fact]
    public async Task The_same_seed_writes_the_same_extract_with_the_rows_asked_for_and_every_written_form()
    {
        var dir = Cli.TempDir();
        var first = Path.Combine(dir, "a.dat");
        var second = Path.Combine(dir, "b.dat");

        var (exitA, _, errA) = await Cli.RunAsync("generate", "doj", "--rows", "20000", "--seed", "5", "--bad-rows", "3", "--out", first);
        var (exitB, _, errB) = await Cli.RunAsync("generate", "doj", "--rows", "20000", "--seed", "5", "--bad-rows", "3", "--out", second);

        Assert.True(exitA == 0 && exitB == 0, errA + errB);
        var text = await File.ReadAllTextAsync(first, TestContext.Current.CancellationToken);
        Assert.Equal(text, await File.ReadAllTextAsync(second, TestContext.Current.CancellationToken));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Length - 1, 20000, 20100);
        Assert.InRange(text.Length / lines.Length, 500, 900);
        foreach (var form in new[] { "11357(C)HS", "11359HS", "11357A HS", "11357B2 HS", "11360A2 HS", "664/11357(C) HS", "664-11359 HS",
                     "664.11360(A) HS", "66411357(A) HS", "SEE COMMENT FOR CHARGE", ",REGISTRATION,", ",DECEASED,", "246/186.22(B)(4) PC" })
        {
            Assert.Contains(form, text, StringComparison.Ordinal);
        }
        Assert.Matches(@",\d{4}0000,", text); // partial dates
    }
}
