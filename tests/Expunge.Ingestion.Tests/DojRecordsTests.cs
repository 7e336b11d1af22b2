using Expunge.Contracts;
using Expunge.Ingestion.Domain;

namespace Expunge.Ingestion.Tests;

public sealed class DojRecordsTests
{
    [Fact]
    public async Task Rows_of_one_subject_become_one_record_and_a_record_is_never_split_across_batches()
    {
        var rows = new[] { "1", "1", "2", "3", "3", "3", "4" }.Select((id, i) => (id, Row(id, i + 2)));

        var batches = await DojRecords.Batches(rows.ToAsyncEnumerable(), recordsPerBatch: 2).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal([["1", "2"], ["3", "4"]], batches.Select(b => b.Select(r => r.SourceRecordId).ToArray()));
        Assert.Equal([2, 1, 3, 1], batches.SelectMany(b => b).Select(r => r.Rows.Count));
    }

    [Fact]
    public async Task No_rows_make_no_batches()
    {
        var batches = await DojRecords.Batches(AsyncEnumerable.Empty<(string, SourceRow)>(), 10).ToListAsync(TestContext.Current.CancellationToken);

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

        var record = DojRecords.ToSourceRecord("42", [new SourceRow { File = "f.dat", Line = 2, Fields = fields }]);

        Assert.Equal(("doj", "42"), (record.Source, record.SourceRecordId));
        Assert.Equal("A1234567", record.Identity.CiiNumber);
        Assert.Equal("DOE,JANE M", record.Identity.Name);
        Assert.Equal("19880500", record.Identity.DateOfBirth);
        Assert.Null(record.Identity.FbiNumber);
    }

    private static SourceRow Row(string subjectId, int line)
    {
        var fields = Enumerable.Repeat("", 95).ToArray();
        fields[2] = subjectId;
        return new() { File = "extract.dat", Line = line, Fields = fields };
    }
}
