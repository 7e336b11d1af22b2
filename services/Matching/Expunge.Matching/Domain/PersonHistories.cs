using Expunge.Contracts;

namespace Expunge.Matching.Domain;

public static class PersonHistories
{
    /// <summary>People's histories from their stored records, in a stable order (people by id, records by source and id).</summary>
    public static IReadOnlyList<PersonHistory> Assemble(IEnumerable<(Guid PersonId, SourceRecord Record)> records, IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> replaced) =>
        [.. records
            .GroupBy(r => r.PersonId)
            .OrderBy(g => g.Key)
            .Select(g => new PersonHistory
            {
                PersonId = g.Key,
                Records = [.. g.Select(r => r.Record).OrderBy(r => r.Source, StringComparer.Ordinal).ThenBy(r => r.SourceRecordId, StringComparer.Ordinal)],
                ReplacesPersonIds = replaced.TryGetValue(g.Key, out var ids) ? ids : [],
            })];
}
