using Expunge.Contracts;
using Expunge.CountyRecords;
using Expunge.Doj;

namespace Expunge.Ingestion.Domain;

/// <summary>The kinds of file a run takes (court-records.md): the DOJ extract and the county's court and DA exports.</summary>
public static class FileKinds
{
    public const string Doj = "doj";
    public static readonly IReadOnlyList<string> All = [Doj, CountyLayout.Court.Source, CountyLayout.Da.Source];
}

/// <summary>An accepted row on its way to a batch: which source and record it belongs to.</summary>
public readonly record struct AcceptedRow(string Source, string RecordId, SourceRow Row);

/// <summary>
/// Turns accepted rows, ordered by source and record, into one <see cref="SourceRecord"/> per record (a DOJ rap sheet,
/// a court or DA case, a county event) and those into batches. A record's rows are never split across batches,
/// whatever file or position they came from.
/// </summary>
public static class SourceRecords
{
    public const string Doj = "doj";

    public static SourceRecord ToSourceRecord(string source, string recordId, IReadOnlyList<SourceRow> rows) =>
        source == Doj ? DojRecord(recordId, rows) : CountyRecord(source, recordId, rows);

    public static SourceRecord DojRecord(string subjectId, IReadOnlyList<SourceRow> rows)
    {
        // Person fields repeat on every row; the first row's values stand for the subject.
        var first = rows[0].Fields;
        return new SourceRecord
        {
            Source = Doj,
            SourceRecordId = subjectId,
            Identity = new PersonIdentity
            {
                Name = NullIfBlank(first[DojColumns.PrimaryName]),
                DateOfBirth = NullIfBlank(first[DojColumns.PrimaryDob]),
                Gender = NullIfBlank(first[DojColumns.Gender]),
                CiiNumber = NullIfBlank(first[DojColumns.CiiNumber]),
                FbiNumber = NullIfBlank(first[DojColumns.FbiNumber]),
                DriverLicence = NullIfBlank(first[DojColumns.PrimaryCdl]),
            },
            Rows = rows,
        };
    }

    /// <summary>A court or DA case (or a county event): the defendant of the case's first row stands for the record;
    /// a CII any row carries is used (many court rows have none).</summary>
    public static SourceRecord CountyRecord(string source, string recordId, IReadOnlyList<SourceRow> rows)
    {
        var layout = CountyLayout.Of(source);
        string? Field(IReadOnlyList<string> fields, string column) =>
            layout.Columns.Contains(column) ? NullIfBlank(fields[layout.Index(column)]) : null;
        var first = rows[0].Fields;
        var (surname, given, middle) = (Field(first, "defendant_last_name"), Field(first, "defendant_first_name"), Field(first, "defendant_middle_name"));
        return new SourceRecord
        {
            Source = source,
            SourceRecordId = recordId,
            Identity = new PersonIdentity
            {
                Name = given is null ? surname : $"{surname},{given}{(middle is null ? "" : " " + middle)}",
                Surname = surname,
                GivenName = given,
                MiddleName = middle,
                Aliases = Field(first, "aka_names")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                DateOfBirth = Field(first, "date_of_birth"),
                Gender = Field(first, "sex"),
                CiiNumber = rows.Select(r => Field(r.Fields, "cii_number")).FirstOrDefault(c => c is not null),
                DriverLicence = Field(first, "cdl_number"),
                BookingNumber = Field(first, "booking_number"),
            },
            Rows = rows,
        };
    }

    /// <param name="orderedRows">Rows sorted so that all rows of one record are adjacent.</param>
    public static async IAsyncEnumerable<IReadOnlyList<SourceRecord>> Batches(IAsyncEnumerable<AcceptedRow> orderedRows, int recordsPerBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recordsPerBatch, 1);
        var batch = new List<SourceRecord>(recordsPerBatch);
        (string Source, string RecordId)? current = null;
        var rows = new List<SourceRow>();
        await foreach (var (source, recordId, row) in orderedRows)
        {
            if (current is { } open && (source, recordId) != open)
            {
                batch.Add(ToSourceRecord(open.Source, open.RecordId, rows));
                rows = [];
                if (batch.Count == recordsPerBatch)
                {
                    yield return batch;
                    batch = new List<SourceRecord>(recordsPerBatch);
                }
            }
            current = (source, recordId);
            rows.Add(row);
        }
        if (current is { } last)
        {
            batch.Add(ToSourceRecord(last.Source, last.RecordId, rows));
        }
        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private static string? NullIfBlank(string value) => value.Length == 0 || value == "NULL" ? null : value;
}

/// <summary>How many records (people-in-source) go into one published batch.</summary>
public sealed record RunBatching(int RecordsPerBatch);
