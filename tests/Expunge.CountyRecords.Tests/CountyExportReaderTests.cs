using System.Text;
using Expunge.CountyRecords;

namespace Expunge.CountyRecords.Tests;

public class CountyExportReaderTests
{
    public const string CourtHeader = "court_case_number,count_number,court_location,filing_date,defendant_last_name,defendant_first_name," +
        "defendant_middle_name,aka_names,date_of_birth,sex,race,cii_number,cdl_number,booking_number,arrest_date,charge_code," +
        "charge_description,charge_level,disposition,disposition_date,sentence,prosecuting_agency";

    private static List<CountyReadResult> Read(string text, CountyLayout layout) =>
        [.. CountyExportReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), layout)];

    [Fact]
    public void A_court_row_is_read_with_dates_and_codes_normalised()
    {
        var rows = Read(CourtHeader + "\n" +
            "BA123456,2,CENTRAL,2010-01-05,García-López,José,,\"LOPEZ, JOSE; GARCIA, PEPE\",03/15/1970,M,H,,D1234567,B99,2010-01-01,HS 11357(a),POSSESS MARIJUANA,m,convicted,2010-02-01,PROBATION 36M; JAIL 30D,LOS ANGELES COUNTY DISTRICT ATTORNEY\n",
            CountyLayout.Court);
        var row = Assert.Single(rows).Row!;
        Assert.Equal((2L, "BA123456", "BA123456#2"), (row.Line, row.RecordId, row.RowId));
        var layout = CountyLayout.Court;
        Assert.Equal("19700315", row.Fields[layout.Index("date_of_birth")]);
        Assert.Equal("M", row.Fields[layout.Index("charge_level")]);
        Assert.Equal("CONVICTED", row.Fields[layout.Index("disposition")]);
        Assert.Equal("LOPEZ, JOSE; GARCIA, PEPE", row.Fields[layout.Index("aka_names")]);
    }

    [Fact]
    public void A_row_written_in_windows_1252_is_rejected_as_not_utf8_and_the_next_row_is_read()
    {
        const string row = "BA1,1,CENTRAL,2010-01-05,GARCÍA,JOSÉ,,,1970-03-15,M,H,,,,,HS 11357(a),,M,CONVICTED,2010-02-01,,";
        var bytes = (byte[])[.. Encoding.UTF8.GetBytes(CourtHeader + "\n"), .. Encoding.Latin1.GetBytes(row + "\n"), .. Encoding.UTF8.GetBytes(row + "\n")];

        var results = CountyExportReader.Read(new MemoryStream(bytes), CountyLayout.Court).ToList();

        Assert.Equal(("INVALID_ENCODING", 2L), (results[0].Error!.Code, results[0].Error!.Line));
        Assert.Equal("GARCÍA", results[1].Row!.Fields[CountyLayout.Court.Index("defendant_last_name")]);
    }

    [Fact]
    public void Columns_are_found_by_name_in_any_order()
    {
        var rows = Read("agency,disposition_date,disposition,charge_level,charge_code,cii_number,date_of_birth,defendant_first_name,defendant_last_name,count_number,court_case_number,agency_case_number\n" +
                        "LA CITY ATTORNEY,20110301,CONVICTED,M,11357(B) H&S,A1234,1980-01-01,ANA,RUIZ,1,,DA-77\n", CountyLayout.Da);
        var row = Assert.Single(rows).Row!;
        Assert.Equal("DA-77#1", row.RowId);
        Assert.Equal("RUIZ", row.Fields[CountyLayout.Da.Index("defendant_last_name")]);
    }

    [Theory]
    [InlineData(",1,,,DOE,JOHN,,,,,,,,,,HS 11357,,M,CONVICTED,,,", "MISSING_FIELD", "court_case_number is blank")]
    [InlineData("BA1,1,,,,,,,,,,,,,,HS 11357,,M,CONVICTED,,,", "MISSING_FIELD", "defendant_last_name is blank")]
    [InlineData("BA1,x,,,DOE,JOHN,,,,,,,,,,HS 11357,,M,CONVICTED,,,", "INVALID_COUNT", "count_number is 'x'")]
    [InlineData("BA1,1,,,DOE,JOHN,,,,,,,,,,HS 11357,,X,CONVICTED,,,", "INVALID_LEVEL", "charge_level is 'X'")]
    [InlineData("BA1,1,,,DOE,JOHN,,,,,,,,,,HS 11357,,M,GUILTY,,,", "INVALID_DISPOSITION", "disposition is 'GUILTY'")]
    [InlineData("BA1,1,,,DOE,JOHN,,,,,,,,,,POSSESSION,,M,CONVICTED,,,", "INVALID_CHARGE", "charge_code is 'POSSESSION'")]
    [InlineData("BA1,1,,,DOE,JOHN", "FIELD_COUNT", "row has 6 fields; the header has 22")]
    public void A_bad_row_is_rejected_with_line_field_and_expectation_and_the_rest_still_read(string bad, string code, string message)
    {
        var rows = Read($"{CourtHeader}\n{bad}\nBA2,1,,,ROE,RITA,,,,,,,,,,PC 187,,F,CONVICTED,,,\n", CountyLayout.Court);
        Assert.Equal(2, rows.Count);
        var error = rows[0].Error!;
        Assert.Equal((2L, code), (error.Line, error.Code));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("BA2#1", rows[1].Row!.RowId);
    }

    [Theory]
    [InlineData("00/00/1958", "19580000")]
    [InlineData("1956-00-00", "19560000")]
    [InlineData("1978-05-00", "19780500")]
    [InlineData("05/00/1978", "19780500")]
    [InlineData("19780500", "19780500")]
    [InlineData("01/01/1967", "19670101")]
    [InlineData("00/00/0000", "")]
    [InlineData("", "")]
    public void A_partial_placeholder_or_blank_date_of_birth_is_kept_as_a_range_and_the_row_is_read(string written, string stored)
    {
        var row = Assert.Single(Read($"{CourtHeader}\nBA1,1,,,DOE,JOHN,,,{written},,,,,,,HS 11357,,M,CONVICTED,,,\n", CountyLayout.Court)).Row!;
        Assert.Equal(stored, row.Fields[CountyLayout.Court.Index("date_of_birth")]);
        Assert.Empty(row.Warnings);
    }

    [Theory]
    [InlineData("date_of_birth", "1970-13-45")]
    [InlineData("disposition_date", "2010-02-30")]
    [InlineData("filing_date", "UNKNOWN 2010")]
    public void A_date_that_cannot_be_read_is_kept_as_written_with_a_warning_on_its_line(string column, string written)
    {
        var fields = Enumerable.Repeat("", CountyLayout.Court.Columns.Count).ToArray();
        (fields[0], fields[1], fields[4], fields[15], fields[17], fields[18]) = ("BA1", "1", "DOE", "HS 11357", "M", "CONVICTED");
        fields[CountyLayout.Court.Index(column)] = written;
        var row = Assert.Single(Read($"{CourtHeader}\n{string.Join(',', fields)}\n", CountyLayout.Court)).Row!;
        Assert.Equal(written, row.Fields[CountyLayout.Court.Index(column)]);
        var warning = Assert.Single(row.Warnings);
        Assert.Equal(("UNKNOWN_DATE", 2L), (warning.Code, warning.Line));
        Assert.Contains($"{column} is '{written}'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_that_names_its_person_by_cii_alone_is_read()
    {
        var row = Assert.Single(Read($"{CourtHeader}\nBA1,1,,,,,,,,,,A1234567,,,,HS 11357,,M,CONVICTED,,,\n", CountyLayout.Court)).Row;
        Assert.NotNull(row);
    }

    [Fact]
    public void A_file_without_the_expected_header_is_refused_naming_the_missing_columns()
    {
        var error = Assert.Throws<CountyFileException>(() => Read("agency_case_number,count_number\nX,1\n", CountyLayout.Da));
        Assert.Contains("defendant_last_name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HS 11357(a)", "11357(a) HS")]
    [InlineData("11357(A) HS", "11357(A) HS")]
    [InlineData("H&S 11359", "11359 HS")]
    [InlineData("H & S 11359", "11359 HS")]
    [InlineData("PC 187", "187 PC")]
    [InlineData("HS11357", "11357 HS")]
    [InlineData("664/11360(a)(2) HS", "664/11360(A)(2) HS")]
    public void Charge_codes_are_spelled_the_doj_way(string written, string normal) =>
        Assert.Equal(normal.ToUpperInvariant(), CountyCharges.Normalise(written).ToUpperInvariant());

    [Fact]
    public void An_attempted_cannabis_sale_is_a_prop64_offense_with_its_subsections()
    {
        var offense = CountyCharges.Parse("664/11360(a)(2) HS").Offenses.Single();
        Assert.True(offense.IsProp64);
        Assert.True(offense.Attempt);
        Assert.Equal(["a", "2"], offense.Subsections);
    }

    [Theory]
    [InlineData("PROBATION 36M; JAIL 30D", 0, 36, 30, false)]
    [InlineData("PRISON 2Y", 2, 0, 0, false)]
    [InlineData("TIME SERVED", 0, 0, 0, false)]
    [InlineData("JAIL 30 DAYS, PROBATION 3 YEARS", 3, 0, 30, false)]
    [InlineData("", 0, 0, 0, false)]
    public void Sentences_add_up_their_lengths(string text, int years, int months, int days, bool unknown) =>
        Assert.Equal(new Doj.Sentence(years, months, days, unknown), CountySentences.Parse(text));
}
