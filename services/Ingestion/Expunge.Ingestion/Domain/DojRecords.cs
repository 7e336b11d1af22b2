using Expunge.Contracts;
using Expunge.Doj;

namespace Expunge.Ingestion.Domain;

/// <summary>
/// Turns accepted DOJ rows, ordered by SUBJECT_ID, into one <see cref="SourceRecord"/> per subject (a rap sheet) and
/// those into batches. A subject's rows are never split across batches, whatever file or position they came from.
/// </summary>
public static class DojRecords
{
    public const string Source = "doj";

    public static SourceRecord ToSourceRecord(string subjectId, IReadOnlyList<SourceRow> rows)
    {
        // Person fields repeat on every row; the first row's values stand for the subject.
        var first = rows[0].Fields;
        return new SourceRecord
        {
            Source = Source,
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

    /// <param name="orderedRows">Rows sorted so that all rows of one record are adjacent.</param>
    public static async IAsyncEnumerable<IReadOnlyList<SourceRecord>> Batches(IAsyncEnumerable<(string RecordId, SourceRow Row)> orderedRows, int recordsPerBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recordsPerBatch, 1);
        var batch = new List<SourceRecord>(recordsPerBatch);
        string? current = null;
        var rows = new List<SourceRow>();
        await foreach (var (recordId, row) in orderedRows)
        {
            if (current is not null && recordId != current)
            {
                batch.Add(ToSourceRecord(current, rows));
                rows = [];
                if (batch.Count == recordsPerBatch)
                {
                    yield return batch;
                    batch = new List<SourceRecord>(recordsPerBatch);
                }
            }
            current = recordId;
            rows.Add(row);
        }
        if (current is not null)
        {
            batch.Add(ToSourceRecord(current, rows));
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
