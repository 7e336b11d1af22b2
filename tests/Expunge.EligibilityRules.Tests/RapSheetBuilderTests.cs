using Expunge.Doj;

namespace Expunge.EligibilityRules.Tests;

/// <summary>The reading conventions of doj-extract.md, "How to read a rap sheet".</summary>
public sealed class RapSheetBuilderTests
{
    private static string[] Row(string cnt, string stepType = "COURT ACTION", string disposition = "CONVICTED-JAIL", string ofn = "",
        string charge = "11359 HS", string level = "FELONY", string toc = "", string county = "los angeles", string date = "20150101",
        string length = "", string unit = "")
    {
        var row = Enumerable.Repeat("", DojColumns.Count).ToArray();
        row[DojColumns.SubjectId] = "7";
        row[DojColumns.PrimaryDob] = "19800000";
        row[DojColumns.StepTypeDescription] = stepType;
        row[DojColumns.CountOrder] = cnt;
        row[DojColumns.DispositionDescription] = disposition;
        row[DojColumns.Ofn] = ofn;
        row[DojColumns.OffenseDescription] = charge;
        row[DojColumns.ConvictionStatusDescription] = level;
        row[DojColumns.OffenseToc] = toc;
        row[DojColumns.StepAgencyCountyName] = county;
        row[DojColumns.StepEventDate] = date;
        row[DojColumns.SentenceLength] = length;
        row[DojColumns.SentenceTimeCode] = unit;
        return row;
    }

    private static RapSheet Sheet(params string[][] rows)
    {
        var builder = new RapSheetBuilder("7");
        foreach (var row in rows) builder.Add(new DojFieldArray(row));
        return builder.Build();
    }

    [Fact]
    public void The_first_convicted_row_of_a_count_is_the_conviction_and_later_rows_add_sentence_components()
    {
        var sheet = Sheet(
            Row("001002001000", disposition: "", length: "5", unit: "D"),
            Row("001002001000", length: "30", unit: "D"),
            Row("001002001000", length: "3", unit: "M"),
            Row("001002001000", length: "10", unit: "D"));

        var conviction = Assert.Single(sheet.Convictions);
        Assert.Equal(new Sentence(0, 3, 40, false), conviction.Sentence);
    }

    [Fact]
    public void A_conviction_is_any_row_whose_disposition_starts_with_CONVICTED_whatever_the_step()
    {
        var sheet = Sheet(Row("001001001000", stepType: "ARREST/DETAINED/CITED", disposition: "CONVICTED-PROBATION"), Row("002002001000", disposition: "DISMISSED/CHARGE DROPPED"));

        Assert.Equal(["001001001000"], sheet.Convictions.Select(c => c.CntOrder));
    }

    [Fact]
    public void The_case_number_is_the_distinct_OFNs_of_the_case_court_action_rows()
    {
        var sheet = Sheet(
            Row("001002001000", ofn: "BA123"),
            Row("001002002000", ofn: "BA123", disposition: "DISMISSED/CHARGE DROPPED"),
            Row("001002003000", ofn: "LA999", disposition: ""),
            Row("001001001000", stepType: "ARREST/DETAINED/CITED", ofn: "BOOKING1", disposition: ""));

        Assert.Equal("BA123; LA999", Assert.Single(sheet.Convictions).CaseNumber);
    }

    [Theory]
    [InlineData("FELONY", "", true)]
    [InlineData("MISDEMEANOR", "F", false)]
    [InlineData("", "F", true)]
    [InlineData("", "M", false)]
    [InlineData("INFRACTION", "", false)]
    public void Felony_iff_the_conviction_status_says_so_or_is_blank_with_a_felony_charge_level(string status, string toc, bool felony) =>
        Assert.Equal(felony, Assert.Single(Sheet(Row("001002001000", level: status, toc: toc)).Convictions).IsFelony);

    [Fact]
    public void County_comes_from_the_conviction_row_and_dates_stay_partial()
    {
        var conviction = Assert.Single(Sheet(Row("001002001000", county: "los angeles", date: "19880500")).Convictions);

        Assert.Equal("LOS ANGELES", conviction.County);
        Assert.Equal("1988-05", conviction.Date.ToString());
    }

    [Theory]
    [InlineData("", "", false)]
    [InlineData("30", "D", false)]
    [InlineData("30", "X", true)]
    [InlineData("", "D", true)]
    [InlineData("NULL", "M", true)]
    public void An_unreadable_length_or_unit_makes_the_sentence_end_unknown(string length, string unit, bool unknown) =>
        Assert.Equal(unknown, Assert.Single(Sheet(Row("001002001000", length: length, unit: unit)).Convictions).Sentence.Unknown);

    [Fact]
    public void Registrations_of_290_and_deceased_steps_are_read()
    {
        var sheet = Sheet(
            Row("002001001000", stepType: "REGISTRATION", disposition: "", charge: "290 PC-SEX OFFENDER REGISTRATION", date: "20120300"),
            Row("003001001000", stepType: "REGISTRATION", disposition: "", charge: "11590 HS-DRUG REGISTRATION"),
            Row("004001001000", stepType: "DECEASED", disposition: "", charge: ""));

        Assert.Equal("2012-03", Assert.Single(sheet.Registrations).Date.ToString());
        Assert.True(sheet.Deceased);
    }
}
