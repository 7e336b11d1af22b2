namespace Expunge.Chaos;

/// <summary>The golden run first, then every fault of the matrix on the same input, each compared with it.</summary>
public sealed class FaultMatrixTests(ChaosLab lab)
{
    public static TheoryData<string> Faults => [.. FaultMatrix.For(ChaosSettings.FromEnvironment()).Select(f => f.Name)];

    [Fact]
    public async Task The_golden_run_decides_every_row_files_the_convictions_and_delivers_the_packages()
    {
        var golden = await lab.GoldenAsync();

        Assert.Equal(0, golden.Undecided);
        Assert.Equal(ChaosLab.BadRows, golden.RejectedRows);
        string[] kinds = ["row ", "link ", "history ", "decision ", "conviction ", "package ", "package row ", "operator event ", "delivery "];
        Assert.All(kinds, kind => Assert.True(golden.Facts.Keys.Any(k => k.StartsWith(kind, StringComparison.Ordinal)), $"the golden run stored no '{kind.Trim()}' fact: comparing with it would prove nothing there"));
        Assert.All(golden.Facts.Where(f => f.Key.StartsWith("delivery ", StringComparison.Ordinal)), f => Assert.EndsWith(" delivered", f.Key, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Under_the_fault_nothing_is_lost_or_duplicated_and_nothing_but_planted_poison_is_refused(string name)
    {
        var fault = FaultMatrix.For(lab.Settings).Single(f => f.Name == name);

        var outcome = await lab.RunAsync(fault);

        Assert.False(outcome.CompleteBeforeFault, $"the run had finished before '{name}' began: the fault proved nothing");
        Assert.True(outcome.Lost == 0 && outcome.Duplicated == 0,
            $"'{name}': {outcome.Lost} facts lost, {outcome.Duplicated} duplicated or new: {string.Join("; ", outcome.Differences)}");
        Assert.Equal(0, outcome.Undecided);
        Assert.Equal(fault.PlantedPoison, outcome.ErrorQueueMessages);
    }
}
