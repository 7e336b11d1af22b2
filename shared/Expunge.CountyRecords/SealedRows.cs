using Expunge.Contracts;
using Expunge.Doj;

namespace Expunge.CountyRecords;

/// <summary>
/// Which rows of a source record are a sealed conviction's (pure): every DOJ row of the conviction's CNT_ORDER (the
/// conviction row and the sentence rows after it), or the county row of its case and count. What a service purges
/// from its working copies once the hold is over.
/// </summary>
public static class SealedRows
{
    public static bool IsOf(string source, SourceRow row, ConvictionReport report) =>
        source == "doj"
            ? row.Fields.Count > DojColumns.CountOrder && row.Fields[DojColumns.CountOrder] == report.Reference
            : row.RowId == report.Reference;

    /// <summary>The record without the rows of the reports that concern it (the same record when none do).</summary>
    public static SourceRecord Without(SourceRecord record, IEnumerable<ConvictionReport> reports)
    {
        var mine = reports.Where(r => r.Source == record.Source && r.SourceRecordId == record.SourceRecordId).ToList();
        if (mine.Count == 0) return record;
        return record with { Rows = [.. record.Rows.Where(row => !mine.Exists(r => IsOf(record.Source, row, r)))] };
    }
}
