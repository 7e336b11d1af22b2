using Expunge.CountyRecords;
using Expunge.Doj;

namespace Expunge.CountyRecords.Tests;

public class ConvictionMergerTests
{
    private static RapSheet Doj(params Conviction[] convictions) =>
        new("1001", "A123", "DOE,JOHN", new DojDate(1970, 1, 1), false, convictions, []);

    private static Conviction DojConviction(string cntOrder, string caseNumber, string charge, DojDate date, bool felony) =>
        new(cntOrder, caseNumber, date, "LOS ANGELES", felony, ChargeParser.Parse(charge), Sentence.None, false);

    private static CountyCount Court(string caseNumber, int count, string charge, string level, string disposition, DojDate? date, string source = "court") =>
        new(source, caseNumber, $"{caseNumber}#{count}", caseNumber, count, CountyCharges.Parse(charge), level, disposition, date, Sentence.None, "LA DA");

    [Fact]
    public void The_same_conviction_from_doj_court_and_da_is_counted_once_with_all_three_sources()
    {
        var doj = Doj(DojConviction("001001002000", "BA123456", "11359 HS-POSSESS FOR SALE", new DojDate(2010, 2, 1), true));
        var merged = ConvictionMerger.Merge([doj],
        [
            Court("BA-0123456", 2, "HS 11359", "F", "CONVICTED", new DojDate(2010, 2, 1)),
            Court("BA123456", 2, "H&S 11359", "F", "CONVICTED", new DojDate(2010, 2, 3), "da"),
        ], "LOS ANGELES");
        var conviction = Assert.Single(merged.Convictions);
        Assert.Equal("doj;court;da", conviction.SourceNames);
        Assert.Single(merged.Sheet.Convictions);
        Assert.Contains(conviction.Conflicts, c => c.StartsWith("date:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_conviction_only_the_court_has_is_added_to_the_sheet()
    {
        var merged = ConvictionMerger.Merge([Doj()], [Court("BA777", 1, "HS 11357(a)", "M", "CONVICTED", new DojDate(2012, 5, 5))], "LOS ANGELES");
        var conviction = Assert.Single(merged.Sheet.Convictions);
        Assert.Equal(("", "LOS ANGELES", false), (conviction.CntOrder, conviction.County, conviction.IsFelony));
        Assert.True(conviction.IsProp64);
        Assert.Equal("court", merged.Convictions.Single().SourceNames);
    }

    [Fact]
    public void The_court_wins_on_level_and_the_disagreement_is_kept()
    {
        var doj = Doj(DojConviction("001001001000", "BA1", "11360 HS-SELL", new DojDate(2010, 2, 1), true));
        var merged = ConvictionMerger.Merge([doj], [Court("BA1", 1, "HS 11360", "M", "CONVICTED", new DojDate(2010, 2, 1))], "LOS ANGELES");
        Assert.False(merged.Sheet.Convictions.Single().IsFelony);
        Assert.Equal("level: doj F, court M", merged.Convictions.Single().Conflicts.Single());
    }

    [Fact]
    public void A_count_the_court_dismissed_leaves_the_sheet_but_stays_visible()
    {
        var doj = Doj(DojConviction("001001001000", "BA1", "11357 HS-POSSESS", new DojDate(2010, 2, 1), false));
        var merged = ConvictionMerger.Merge([doj], [Court("BA1", 1, "HS 11357", "M", "DISMISSED", new DojDate(2010, 2, 1))], "LOS ANGELES");
        Assert.Empty(merged.Sheet.Convictions);
        Assert.True(merged.Convictions.Single().Dismissed);
    }

    [Fact]
    public void Counts_of_one_case_with_different_offenses_stay_separate()
    {
        var doj = Doj(DojConviction("001001001000", "BA1", "11357 HS-POSSESS", new DojDate(2010, 2, 1), false));
        var merged = ConvictionMerger.Merge([doj], [Court("BA1", 2, "PC 148", "M", "CONVICTED", new DojDate(2010, 2, 1))], "LOS ANGELES");
        Assert.Equal(2, merged.Sheet.Convictions.Count);
    }

    [Fact]
    public void A_non_conviction_the_doj_never_had_adds_nothing()
    {
        var merged = ConvictionMerger.Merge([], [Court("BA5", 1, "HS 11357", "M", "ACQUITTED", new DojDate(2010, 2, 1))], "LOS ANGELES");
        Assert.Empty(merged.Sheet.Convictions);
    }

    [Fact]
    public void A_county_system_reporting_a_death_or_a_registration_adds_those_facts_to_the_person()
    {
        var death = Court("", 0, "", "", "", new DojDate(2019, 4, 1)) with { Source = "lasc-cms", Kind = "death" };
        var registration = Court("", 0, "PC 290", "", "", new DojDate(2001, 1, 1)) with { Source = "lasc-cms", Kind = "registration" };
        var merged = ConvictionMerger.Merge([Doj()], [death, registration], "LOS ANGELES");
        Assert.True(merged.Sheet.Deceased);
        Assert.Equal("290 PC", merged.Sheet.Registrations.Single().Offense);
        Assert.Empty(merged.Convictions);
    }
}
