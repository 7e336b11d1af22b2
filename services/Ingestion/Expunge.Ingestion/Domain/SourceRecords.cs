using Expunge.Contracts;
using Expunge.CountyRecords;

namespace Expunge.Ingestion.Domain;

/// <summary>The kinds of file a run takes (court-records.md): the DOJ extract and the county's court and DA exports.</summary>
public static class FileKinds
{
    public const string Doj = SourceIdentities.Doj;
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
    public const string Doj = SourceIdentities.Doj;

    public static SourceRecord ToSourceRecord(string source, string recordId, IReadOnlyList<SourceRow> rows) =>
        source == Doj ? DojRecord(recordId, rows) : CountyRecord(source, recordId, rows);

    public static SourceRecord DojRecord(string subjectId, IReadOnlyList<SourceRow> rows) => new()
    {
        Source = Doj, SourceRecordId = subjectId, Identity = SourceIdentities.OfDojRows([.. rows.Select(r => r.Fields)]), Rows = rows,
    };

    /// <summary>A court or DA case, or a county event.</summary>
    public static SourceRecord CountyRecord(string source, string recordId, IReadOnlyList<SourceRow> rows) => new()
    {
        Source = source, SourceRecordId = recordId, Identity = SourceIdentities.OfCountyRows(source, [.. rows.Select(r => r.Fields)]), Rows = rows,
    };

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
}

/// <summary>How many records (people-in-source) go into one published batch.</summary>
public sealed record RunBatching(int RecordsPerBatch);
