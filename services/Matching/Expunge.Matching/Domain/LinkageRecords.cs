using Expunge.Contracts;
using Expunge.CountyRecords;
using Expunge.Linkage;

namespace Expunge.Matching.Domain;

/// <summary>A source record's identity as the linkage library reads it.</summary>
public static class LinkageRecords
{
    public static LinkageRecord Of(SourceRecord record) => SourceIdentities.ToLinkage(record.Source, record.SourceRecordId, record.Identity);

    /// <summary>The ids links.csv lists for a record: a DOJ subject once, a county case once per count (case#count).</summary>
    public static IEnumerable<string> LinkIds(SourceRecord record)
    {
        var rowIds = record.Rows.Select(r => r.RowId).OfType<string>().Distinct().ToList();
        return rowIds.Count > 0 ? rowIds : [record.SourceRecordId];
    }
}
