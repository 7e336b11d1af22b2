using Expunge.Contracts;

namespace Expunge.Matching.Domain;

public static class PersonHistories
{
    /// <summary>Groups a batch's records by the person they are linked to, in a stable order.</summary>
    public static IReadOnlyList<PersonHistory> Assemble(IReadOnlyList<SourceRecord> records, IReadOnlyDictionary<(string Source, string Id), Guid> personOf) =>
        [.. records
            .GroupBy(r => personOf.TryGetValue((r.Source, r.SourceRecordId), out var person)
                ? person
                : throw new InvalidOperationException($"Record {r.Source}/{r.SourceRecordId} has no person link."))
            .OrderBy(g => g.Key)
            .Select(g => new PersonHistory { PersonId = g.Key, Records = [.. g] })];
}
