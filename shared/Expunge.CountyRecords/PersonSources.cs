using Expunge.Contracts;
using Expunge.Doj;

namespace Expunge.CountyRecords;

/// <summary>
/// What a person's source records say, read for merging: DOJ rap sheets, county counts (court and DA rows, county
/// events), and the identity of the first county record (a person DOJ never heard of has no other). Eligibility decides
/// a person from it; matching weighs what a linkage question puts at stake with it, with the CII numbers its records
/// carry (<see cref="StrongIds"/>, as linkage writes them).
/// </summary>
public sealed record PersonSources(IReadOnlyList<RapSheet> Sheets, IReadOnlyList<CountyCount> Counts,
    (string Name, string Cii, DojDate? DateOfBirth) CountyIdentity = default, IReadOnlyList<string>? StrongIds = null)
{
    /// <summary>Whether the two people's fingerprints say two people: both have CII numbers and none of one's is (but for
    /// a typo) one of the other's.</summary>
    public bool FingerprintsApart(PersonSources other) =>
        StrongIds is { Count: > 0 } mine && other.StrongIds is { Count: > 0 } theirs
        && !mine.Any(x => theirs.Any(y => !Linkage.PairDecision.StrongIdsConflict(x, y)));

    public static PersonSources Of(IEnumerable<SourceRecord> records)
    {
        var list = records as IReadOnlyList<SourceRecord> ?? [.. records];
        var first = list.Where(r => r.Source != SourceIdentities.Doj).Select(r => r.Identity).FirstOrDefault();
        return new PersonSources(
            [.. list.Where(r => r.Source == SourceIdentities.Doj).Select(RapSheetOf)],
            CountyCountsOf(list),
            first is null ? default : (first.Name ?? "", first.CiiNumber ?? "", DojDate.ParseOrNull(first.DateOfBirth ?? "")),
            [.. list.Select(r => Linkage.StandardRecord.Identifier(r.Identity?.CiiNumber)).Where(c => c.Length > 0).Distinct()]);
    }

    /// <summary>Each conviction once, with every source that reported it (<see cref="ConvictionMerger"/>).</summary>
    public MergedRecord Merge(string homeCounty) => ConvictionMerger.Merge(Sheets, Counts, homeCounty, CountyIdentity);

    /// <summary>Two people's sources as one person's.</summary>
    public PersonSources With(PersonSources other) =>
        new([.. Sheets, .. other.Sheets], [.. Counts, .. other.Counts], CountyIdentity == default ? other.CountyIdentity : CountyIdentity,
            [.. (StrongIds ?? []).Union(other.StrongIds ?? [])]);

    public static RapSheet RapSheetOf(SourceRecord record)
    {
        var builder = new RapSheetBuilder(record.SourceRecordId);
        // Ingestion only passes 95-field rows on; a record published straight onto the bus might not.
        foreach (var row in record.Rows.Where(r => r.Fields.Count == DojColumns.Count)) builder.Add(new DojFieldArray(row.Fields));
        return builder.Build();
    }

    public static List<CountyCount> CountyCountsOf(IEnumerable<SourceRecord> records) =>
        [.. records.Where(r => r.Source != SourceIdentities.Doj).SelectMany(r => r.Rows
            // A row of another shape (a county system publishing straight onto the bus) cannot be read; it must not
            // make the whole person (or batch) fail.
            .Where(row => row.Fields.Count == CountyLayout.Of(r.Source).Columns.Count)
            .Select(row => CountyCount.FromFields(r.Source, r.SourceRecordId, [.. row.Fields])))];
}
