using Expunge.Contracts;
using Expunge.Ingestion.Domain;

namespace Expunge.Ingestion.Tests;

public sealed class SourceRecordsTests
{
    [Fact]
    public async Task Rows_of_one_subject_become_one_record_and_a_record_is_never_split_across_batches()
    {
        var rows = new[] { "1", "1", "2", "3", "3", "3", "4" }.Select((id, i) => new AcceptedRow("doj", id, Row(id, i + 2)));

        var batches = await SourceRecords.Batches(rows.ToAsyncEnumerable(), recordsPerBatch: 2).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal([["1", "2"], ["3", "4"]], batches.Select(b => b.Select(r => r.SourceRecordId).ToArray()));
        Assert.Equal([2, 1, 3, 1], batches.SelectMany(b => b).Select(r => r.Rows.Count));
    }

    [Fact]
    public async Task No_rows_make_no_batches()
    {
        var batches = await SourceRecords.Batches(AsyncEnumerable.Empty<AcceptedRow>(), 10).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Empty(batches);
    }

    [Fact]
    public void Identity_comes_from_the_person_fields_and_blank_or_NULL_means_unknown()
    {
        var fields = Enumerable.Repeat("", 95).ToArray();
        fields[11] = "A1234567";
        fields[12] = "DOE,JANE M";
        fields[14] = "19880500";
        fields[19] = "NULL";

        var record = SourceRecords.ToSourceRecord("doj", "42", [new SourceRow { File = "f.dat", Line = 2, Fields = fields }]);

        Assert.Equal(("doj", "42"), (record.Source, record.SourceRecordId));
        Assert.Equal("A1234567", record.Identity.CiiNumber);
        Assert.Equal("DOE,JANE M", record.Identity.Name);
        Assert.Equal("19880500", record.Identity.DateOfBirth);
        Assert.Null(record.Identity.FbiNumber);
    }

    [Fact]
    public async Task The_same_record_id_in_two_sources_is_two_records()
    {
        var rows = new[] { new AcceptedRow("court", "7", CourtRow("7", 1)), new AcceptedRow("court", "7", CourtRow("7", 2)), new AcceptedRow("doj", "7", Row("7", 5)) };

        var batch = Assert.Single(await SourceRecords.Batches(rows.ToAsyncEnumerable(), 10).ToListAsync(TestContext.Current.CancellationToken));

        Assert.Equal([("court", 2), ("doj", 1)], batch.Select(r => (r.Source, r.Rows.Count)));
    }

    [Fact]
    public void A_court_case_names_its_defendant_with_name_parts_aliases_and_any_cii_its_counts_carry()
    {
        var first = CourtRow("BA1", 1);
        var second = CourtRow("BA1", 2);
        ((string[])second.Fields)[Expunge.CountyRecords.CountyLayout.Court.Index("cii_number")] = "A99";

        var record = SourceRecords.ToSourceRecord("court", "BA1", [first, second]);

        Assert.Equal(("GARCIA", "ANA", "A99"), (record.Identity.Surname, record.Identity.GivenName, record.Identity.CiiNumber));
        Assert.Equal(["LOPEZ, ANA", "GARCIA, ANITA"], record.Identity.Aliases);
        Assert.Equal("19800101", record.Identity.DateOfBirth);
    }

    private static SourceRow CourtRow(string caseNumber, int count)
    {
        var layout = Expunge.CountyRecords.CountyLayout.Court;
        var fields = Enumerable.Repeat("", layout.Columns.Count).ToArray();
        fields[layout.Index("court_case_number")] = caseNumber;
        fields[layout.Index("count_number")] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        fields[layout.Index("defendant_last_name")] = "GARCIA";
        fields[layout.Index("defendant_first_name")] = "ANA";
        fields[layout.Index("aka_names")] = "LOPEZ, ANA; GARCIA, ANITA";
        fields[layout.Index("date_of_birth")] = "19800101";
        return new() { File = "court.csv", Line = count + 1, Fields = fields, RowId = $"{caseNumber}#{count}" };
    }

    private static SourceRow Row(string subjectId, int line)
    {
        var fields = Enumerable.Repeat("", 95).ToArray();
        fields[2] = subjectId;
        return new() { File = "extract.dat", Line = line, Fields = fields };
    }
}
