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

public class CaseNumberMergingTests
{
    private static RapSheet Doj(string ofn, string date, IReadOnlyList<string>? eventNumbers = null) =>
        new("1001", "A123", "DOE,JOHN", new DojDate(1970, 1, 1), false,
        [
            new Conviction("001002001000", ofn, DojDate.ParseOrNull(date), "LOS ANGELES", true, ChargeParser.Parse("11359 HS-POSSESS FOR SALE"), Sentence.None, false)
            {
                EventNumbers = eventNumbers ?? [],
            },
        ], []);

    private static CountyCount Court(string caseNumber, string date, string booking = "") =>
        new("court", caseNumber, $"{caseNumber}#1", caseNumber, 1, CountyCharges.Parse("HS 11359"), "F", "CONVICTED", DojDate.ParseOrNull(date), Sentence.None,
            "LA DA", BookingNumber: booking);

    // DOJ dates the court action ten days after the court: the offense and date alone do not make them one.
    [Theory]
    [InlineData("BA540834", "BA540834")]
    [InlineData("PA-791656", "PA791656")]
    [InlineData("TA 291451", "TA291451")]
    [InlineData("GA00336042", "GA336042")]
    [InlineData("LA54321", "LA054321")]
    [InlineData("BA540835", "BA540835-01")]
    [InlineData("PA-779705-01", "PA779705")]
    public void A_doj_count_and_its_court_row_are_one_conviction_whatever_the_spelling_of_the_case_number(string ofn, string courtCase)
    {
        var merged = ConvictionMerger.Merge([Doj(ofn, "20100311")], [Court(courtCase, "20100301")], "LOS ANGELES");
        Assert.Equal("doj;court", Assert.Single(merged.Convictions).SourceNames);
    }

    [Fact]
    public void Doj_numbers_for_the_cycle_tie_a_court_row_where_the_ofn_holds_the_booking_number()
    {
        var merged = ConvictionMerger.Merge([Doj("44556677", "20100311", ["44556677"])], [Court("SA654321", "20100301", booking: "44556677")], "LOS ANGELES");
        Assert.Equal("doj;court", Assert.Single(merged.Convictions).SourceNames);
    }

    [Fact]
    public void Without_any_tie_two_reports_ten_days_apart_stay_two_convictions()
    {
        var merged = ConvictionMerger.Merge([Doj("44556677", "20100311")], [Court("SA654321", "20100301")], "LOS ANGELES");
        Assert.Equal(2, merged.Convictions.Count);
    }

    [Fact]
    public void A_conviction_two_people_report_by_the_courts_own_number_is_at_stake_and_the_second_defers_its_report()
    {
        var a = new PersonSources([Doj("BA-0777777", "20100301")], []);
        var b = new PersonSources([], [Court("BA777777", "20100301")]);
        var stake = LinkageStakes.Of(a, b, null, "LOS ANGELES");
        Assert.Equal(1, stake.Shared);
        Assert.True(stake.Matters(0.01));
        Assert.Equal(("court", "BA777777#1"), (Assert.Single(stake.Deferring(aIsEarlier: true)).Source, stake.SharedReportsOfB[0].Reference));
        Assert.Equal(("doj", "001002001000"), (Assert.Single(stake.Deferring(aIsEarlier: false)).Source, stake.SharedReportsOfA[0].Reference));
    }

    private static CountyCount DaWithoutCase(string date) =>
        new("da", "DA0001", "DA0001#1", "", 1, CountyCharges.Parse("11359 H&S"), "F", "CONVICTED", DojDate.ParseOrNull(date), Sentence.None, "LA DA");

    [Theory]
    [InlineData("20100301")] // the court's day
    [InlineData("20100303")] // recorded two days later
    public void A_da_row_without_a_case_number_shares_the_court_rows_charge_on_about_its_day(string daDate)
    {
        var a = new PersonSources([], [Court("BA777777", "20100301")]);
        var b = new PersonSources([], [DaWithoutCase(daDate)]);
        var stake = LinkageStakes.Of(a, b, null, "LOS ANGELES");
        Assert.Equal(1, stake.Shared);
        Assert.Equal(("da", "DA0001#1"), (Assert.Single(stake.Deferring(aIsEarlier: true)).Source, stake.SharedReportsOfB[0].Reference));
    }

    [Fact]
    public void A_doj_cycle_filed_under_its_booking_number_shares_the_court_rows_charge_on_its_day()
    {
        var a = new PersonSources([Doj("76502043", "20100301")], []);
        var b = new PersonSources([], [Court("TA374468", "20100301")]);
        Assert.Equal(1, LinkageStakes.Of(a, b, null, "LOS ANGELES").Shared);
    }

    [Fact]
    public void Without_a_case_number_a_charge_on_the_same_day_is_no_tie_between_two_cii_numbers_nor_five_days_apart_nor_between_two_court_cases()
    {
        var court = new PersonSources([], [Court("BA777777", "20100301")], StrongIds: ["A37573958"]);
        Assert.Equal(0, LinkageStakes.Of(court, new PersonSources([], [DaWithoutCase("20100301")], StrongIds: ["A25853838"]), null, "LOS ANGELES").Shared);
        // A CII one character off is a typo of the same number: no longer apart.
        Assert.Equal(1, LinkageStakes.Of(court, new PersonSources([], [DaWithoutCase("20100301")], StrongIds: ["A37573959"]), null, "LOS ANGELES").Shared);
        Assert.Equal(0, LinkageStakes.Of(court, new PersonSources([], [DaWithoutCase("20100306")]), null, "LOS ANGELES").Shared);
        Assert.Equal(0, LinkageStakes.Of(court, new PersonSources([], [Court("TA374468", "20100301")]), null, "LOS ANGELES").Shared);
    }

    [Fact]
    public void Co_defendants_report_their_own_convictions_not_one_shared()
    {
        var a = new PersonSources([], [Court("BA540835-01", "20100301")]);
        var b = new PersonSources([], [Court("BA540835-02", "20100301")]);
        Assert.Equal(0, LinkageStakes.Of(a, b, null, "LOS ANGELES").Shared);
    }

    [Fact]
    public void A_question_about_two_people_without_history_to_share_changes_nothing()
    {
        var a = new PersonSources([Doj("BA1", "20100301")], []);
        var stake = LinkageStakes.Of(a, new PersonSources([], []), null, "LOS ANGELES");
        Assert.False(stake.Matters(0.99));
    }
}
